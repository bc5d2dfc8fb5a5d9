"""The commented starter configuration that `fixit config init` writes.

Lines starting with "# " are examples (removing the "# " gives a valid configuration: a test
does exactly that); lines starting with "##" explain."""

STARTER = """\
## fixit configuration, written by `fixit config init`.
##
## fixit reads the organisation's file (/etc/fixit/config.yaml), then this one, then the file
## given with --config, then the variables FIXIT_LANG, FIXIT_MODE and FIXIT_SUBMIT_TO (the
## default submit target); later values win. Everything below is commented out, so the
## organisation's settings stay in force: remove the "# " in front of the lines you want,
## then check the result with `fixit config show`.
##
## Never write a password or a token here. Settings ending in _env name an environment
## variable; fixit reads it from the environment, else from the credentials file (see
## `fixit config path`; it must be readable by you alone: chmod 600).

## Who you are, and how users reach support. Opening hours are day ranges (Mon-Fri, or
## ma-pe in Finnish) with times, several separated by commas; the time zone is a name
## like Europe/Helsinki. After a report is sent, fixit tells when to expect an answer,
## and for an urgent problem out of hours, the number to call.
# organisation: Example Oy
# support:
#   email: tuki@example.fi
#   phone: "+358 10 123 4567"
#   hours: "Mon-Thu 08:00-16:00, Fri 08:00-14:00"
#   timezone: Europe/Helsinki

## Who is at the keyboard by default (self or agent), and the language (en, fi or sv).
# defaults:
#   mode: self
#   lang: fi

## More folders of decision trees (a relative path is relative to this file).
# trees:
#   - /srv/fixit/trees

## Settings of the automatic checks (`fixit diagnose`); `enabled: false` turns one off.
# checks:
#   network.internet:
#     urls: ["https://www.example.fi/"]
#   network.dns:
#     names: [www.example.fi, portal.example.fi]
#   service.url:
#     url: "https://portal.example.fi/"
#     warn_ms: 2000
#   disk.space:
#     warn_percent: 10
#   time.skew:
#     enabled: false

## Personal data in reports: placeholder (the same <user-1> for the same name), remove,
## or keep. Kinds: username, hostname, email, ip, mac, home. Secrets are always removed.
# redaction:
#   username: placeholder
#   hostname: placeholder
#   email: placeholder
#   ip: keep
#   mac: placeholder
#   home: placeholder

## Where `fixit submit` sends reports; `default` is the target used without --to.
## One example of each type; keep the ones you use. Every type takes `timeout` (seconds).
# submit:
#   default: helpdesk
##  Before a new ticket fixit offers to add the report to an existing one (a known problem's,
##  or an open ticket it filed for the same problem); --yes then adds (add) or makes a new (new).
#   existing_ticket: add
#   existing_hours: 12          # how far back it looks for its own open tickets (0: not at all)
#   targets:
##    Redmine: an issue in a project.
#     helpdesk:
#       type: redmine
#       url: "https://redmine.example.fi"
#       project: support
#       api_key_env: REDMINE_API_KEY
#       priorities: {critical: 5, high: 4, normal: 2, low: 1}
##    E-mail over SMTP: security is starttls, tls or none; certificates are verified.
#     mail:
#       type: email
#       to: [tuki@example.fi]
#       from: fixit@example.fi
#       host: smtp.example.fi
#       port: 587
#       security: starttls
#       username: fixit
#       password_env: SMTP_PASSWORD
#       timeout: 30
##    A web hook: the report as JSON, with a bearer token and/or an HMAC signature. No
##    secret in the URL (user:password@, ?token=) or in headers (Authorization, Cookie,
##    X-...-Token, X-...-Key): fixit refuses them; the secrets go in the *_env settings.
#     hook:
#       type: webhook
#       url: "https://hooks.example.fi/fixit"
#       token_env: HOOK_TOKEN
#       hmac_secret_env: HOOK_HMAC_SECRET
#       headers: {X-Team: helpdesk}
##    Zendesk: a ticket (api: tickets, an agent's token) or a request (api: requests).
#     zendesk:
#       type: zendesk
#       url: "https://example.zendesk.com"
#       email: agent@example.fi
#       token_env: ZENDESK_TOKEN
#       api: tickets
##    Jira Service Management: a request in a service desk.
#     jira:
#       type: jira
#       url: "https://example.atlassian.net"
#       service_desk_id: "1"
#       request_type_id: "10"
#       email: agent@example.fi
#       token_env: JIRA_TOKEN
##    GitHub: an issue in a repository.
#     github:
#       type: github
#       repo: example/helpdesk
#       token_env: GITHUB_TOKEN
#       labels: [fixit]
##    A folder, e.g. a shared drive: the report as files. The path is a full one (or starts
##    with ~); formats are some of markdown, text, html and json.
#     folder:
#       type: directory
#       path: /srv/share/tickets
#       formats: [markdown, json, html]

## The team's statistics store for `fixit stats --team` (docs/team.md): each session's stripped
## outcome record (never what was typed, notes or names) goes to one PostgreSQL database.
## Needs `pip install 'fixit[team]'`. Certificates are verified (sslmode=verify-full) unless
## the URL says otherwise. Per-agent figures are off: in Finland they need a documented purpose
## and the co-operation procedure first; when on, agent ids are keyed hashes (agent_key_env).
# stats:
#   store: postgresql://fixit@stats.example.fi/fixit_stats
#   password_env: FIXIT_STATS_PASSWORD
#   agents: false
#   timeout: 5

## Known problems and outages (docs/known.md): besides known_issues.yaml in a tree folder,
## the same file served at a URL, and Statuspage pages with which of their components touch
## which trees or tags. Only these URLs are ever fetched; a slow or unreachable one is read
## from its saved copy, and its age is shown.
# known:
#   feeds:
#     - https://support.example.fi/fixit/known_issues.yaml
#   statuspage:
#     - url: https://status.example.fi
#       components:
#         Member portal: {trees: [web-service], tags: [portal]}
#   timeout: 3
#   refresh: 60
"""
