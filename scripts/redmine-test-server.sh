#!/usr/bin/env bash
# A real Redmine on 127.0.0.1 for the redmine submit target's integration tests.
#   scripts/redmine-test-server.sh start   install (Debian's redmine + sqlite) if needed, serve,
#                                          print `export FIXIT_REDMINE_*=...` lines
#   scripts/redmine-test-server.sh stop    stop the server started by `start`
# Needs root and apt (Debian bookworm). About a minute on a fresh machine (50 s here),
# 15 s once installed.
set -euo pipefail

PORT="${FIXIT_REDMINE_PORT:-3999}"
STATE="${FIXIT_REDMINE_STATE:-/tmp/fixit-redmine}"
PIDFILE="$STATE.pid"
LOG="$STATE.log"
ENVFILE="$STATE.env"
APP=/usr/share/redmine
WAIT=120
export BUNDLER_VERSION=2.3.15 # the point-release bundler breaks Redmine's post-install
export DEBIAN_FRONTEND=noninteractive
export RAILS_ENV=production

say() { echo "redmine-test-server: $*" >&2; }

running() {
    [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

install() {
    if dpkg-query -W -f='${Status}' redmine redmine-sqlite ruby-webrick curl 2>/dev/null |
        grep -q '^\(install ok installed\)\{4\}$'; then
        return
    fi
    say "installing redmine (apt)"
    debconf-set-selections <<'EOF'
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
EOF
    if [[ ! -e /etc/redmine/default/database.yml ]] && command -v ucf >/dev/null; then
        # after a purge ucf still remembers the file and the postinst would not write it again
        ucf --purge /etc/redmine/default/database.yml
    fi
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends redmine redmine-sqlite ruby-webrick curl >&2
}

configure() {
    cd "$APP"
    if ! grep -qs "gem 'webrick'" Gemfile.local; then
        echo "gem 'webrick'" >>Gemfile.local # Redmine's Gemfile names no web server
    fi
    bundle exec rake redmine:load_default_data REDMINE_LANG=en >&2 ||
        say "default data not loaded (already there?)"
    bundle exec rails runner "$(
        cat <<'RUBY'
Setting.rest_api_enabled = "1"
formats = Redmine::WikiFormatting.format_names.to_a
Setting.text_formatting = (["common_mark", "markdown"] & formats).first || Setting.text_formatting
admin = User.find_by(login: "admin")
admin.update!(must_change_passwd: false) if admin.must_change_passwd?
project = Project.find_by(identifier: "fixit-test") ||
  Project.create!(name: "fixit test", identifier: "fixit-test", is_public: false)
project.trackers = Tracker.sorted.to_a if project.trackers.empty?
project.enable_module!(:issue_tracking)
raise "no issue priorities" if IssuePriority.active.empty?
raise "no issue statuses" if IssueStatus.none?
puts "KEY=#{admin.api_key}"
RUBY
    )" | (umask 077 && sed -n 's/^KEY=//p' >"$STATE.key")
    [[ -s "$STATE.key" ]] || { say "could not read the admin API key"; exit 1; }
}

serve() {
    cd "$APP"
    say "serving on 127.0.0.1:$PORT (log $LOG)"
    setsid bundle exec rackup config.ru -s webrick -o 127.0.0.1 -p "$PORT" \
        </dev/null >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    local url="http://127.0.0.1:$PORT" deadline=$((SECONDS + WAIT))
    until curl -fs -o /dev/null -H "X-Redmine-API-Key: $(cat "$STATE.key")" \
        "$url/projects/fixit-test.json"; do
        if ! running; then
            say "the server exited; the end of $LOG:"
            tail -n 30 "$LOG" >&2
            exit 1
        fi
        if ((SECONDS > deadline)); then
            say "no answer from $url within $WAIT s"
            exit 1
        fi
        sleep 1
    done
}

write_env() {
    {
        echo "export FIXIT_REDMINE_URL=http://127.0.0.1:$PORT"
        echo "export FIXIT_REDMINE_KEY=$(cat "$STATE.key")"
        echo "export FIXIT_REDMINE_PROJECT=fixit-test"
    } >"$ENVFILE.tmp"
    chmod 600 "$ENVFILE.tmp"
    mv "$ENVFILE.tmp" "$ENVFILE"
}

start() {
    if running && [[ -s "$ENVFILE" ]]; then
        say "already running (pid $(cat "$PIDFILE"))"
    else
        if running; then stop; fi
        install
        configure
        write_env
        serve
    fi
    cat "$ENVFILE"
}

stop() {
    if running; then
        local pid
        pid="$(cat "$PIDFILE")"
        kill -- -"$pid" 2>/dev/null || kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        say "stopped (pid $pid)"
    else
        say "not running"
    fi
    rm -f "$PIDFILE"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
