"""Configuration: every validation error at file:line:col with its key path, layers, origins,
environment variables, and the credentials file's refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixit import credentials
from fixit.config import load_config
from fixit.errors import ConfigError
from fixit.report.redact import DEFAULT_POLICY, secret_values

KINDS = "email, redmine, zendesk, jira, github, webhook, directory"
REDMINE = "{type: redmine, url: 'https://r.example.fi', project: s, api_key_env: RM_KEY}"


@pytest.fixture(autouse=True)
def _no_fixit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FIXIT_MODE", "FIXIT_SUBMIT_TO", "FIXIT_LANG"):
        monkeypatch.delenv(var, raising=False)


def system_file(isolated: Path, text: str) -> Path:
    path = isolated / "etc" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def user_file(isolated: Path, text: str) -> Path:
    path = isolated / "config" / "fixit" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def targets(body: str) -> str:
    return "submit:\n  targets:\n" + body


ERRORS = [
    (
        "colour: red\n",
        "1:1: unknown key 'colour' (known: checks, defaults, known, organisation, "
        "redaction, stats, submit, support, trees)",
    ),
    ("- a\n", "1:1: the configuration must be a mapping"),
    ("organisation: [a]\n", "1:15: organisation must be text"),
    ("support: tuki@example.fi\n", "1:10: support must be a mapping"),
    ("support:\n  fax: 123\n", "2:3: unknown key support.fax (email, phone, hours, timezone)"),
    ("support:\n  phone: [1, 2]\n", "2:10: support.phone must be text"),
    (
        'support:\n  hours: "Mon-Fry 09:00-16:00"\n',
        "2:10: support.hours: 'Fry' is not a day (use Mon Tue Wed Thu Fri Sat Sun, or ma ti ke to "
        "pe la su)",
    ),
    (
        "support:\n  hours: Mon-Fri\n",
        "2:10: support.hours: 'Mon-Fri' is not a day range with times; write it like "
        '"Mon-Fri 09:00-16:00"',
    ),
    (
        "support:\n  timezone: Europe/Helsinky\n",
        "2:13: support.timezone: 'Europe/Helsinky' is not a time zone (use a name like "
        "Europe/Helsinki)",
    ),
    ("defaults: {mode: robot}\n", "1:18: defaults.mode must be self or agent"),
    ("defaults:\n  lang: de\n", "2:9: defaults.lang must be en, fi or sv"),
    ("defaults: {colour: red}\n", "1:12: unknown key defaults.colour (mode, lang)"),
    ("trees: /srv/trees\n", "1:8: trees must be a list of folders"),
    ("trees: [[a]]\n", "1:9: a tree folder must be text"),
    ("checks:\n  network.foo: {}\n", "2:3: unknown check 'network.foo' (known: "),
    (
        "checks:\n  disk.space: {warn_pct: 5}\n",
        "2:16: checks.disk.space.warn_pct is not a setting of disk.space",
    ),
    (
        "redaction: {phone: remove}\n",
        "1:13: redaction.phone is not a kind (kinds: username, hostname, email, ip, mac, home)",
    ),
    ("redaction:\n  ip: hide\n", "2:7: redaction.ip must be one of placeholder, remove, keep"),
    ("redaction: [ip]\n", "1:12: redaction must be a mapping of kind to action"),
    ("submit: helpdesk\n", "1:9: submit must be a mapping"),
    (
        "submit:\n  target: {}\n",
        "2:3: unknown key submit.target (default, targets, existing_ticket, existing_hours)",
    ),
    (
        "submit:\n  existing_ticket: maybe\n",
        "2:20: submit.existing_ticket must be add or new, not maybe",
    ),
    (
        "submit:\n  existing_hours: 200\n",
        "2:19: submit.existing_hours must be a number of hours from 0 to 168",
    ),
    (
        "submit:\n  targets: [a]\n",
        "2:12: submit.targets (target name -> settings) must be a mapping",
    ),
    (
        targets("    hd: redmine\n"),
        "3:9: submit.targets.hd (a type and its settings) must be a mapping",
    ),
    (
        targets("    'bad name': {type: directory, path: /x}\n"),
        "3:5: submit.targets.bad name: a target name is letters, digits, - and _ (64 at most)",
    ),
    (
        targets("    hd: {type: trello}\n"),
        f"3:16: submit.targets.hd.type must be one of {KINDS}, not 'trello'",
    ),
    (
        targets("    hd: {url: 'https://r.example.fi'}\n"),
        f"3:5: submit.targets.hd needs a type ({KINDS})",
    ),
    (
        targets("    hd: {type: redmine, url: 'https://r.example.fi'}\n"),
        "3:5: submit.targets.hd needs 'project'",
    ),
    (
        targets(f"    hd: {REDMINE[:-1]}, colour: red}}\n"),
        "3:87: submit.targets.hd.colour is not a setting of a redmine target (url, project, "
        "api_key_env, tracker_id, priorities, timeout)",
    ),
    (
        targets("    hd:\n      type: redmine\n      url: r.example.fi\n"),
        "5:12: submit.targets.hd.url must be an http:// or https:// URL with a host, not "
        "'r.example.fi'",
    ),
    (
        targets("    m: {type: email, to: a@b.fi, from: f@b.fi, host: h, port: 99999}\n"),
        "3:63: submit.targets.m.port must be at most 65535",
    ),
    (
        targets(
            "    w:\n      type: webhook\n      url: https://h.example.fi\n"
            "      headers:\n        X-Trace: [1, 2]\n"
        ),
        "7:18: submit.targets.w.headers.X-Trace must be a single value",
    ),
    (
        targets("    m: {type: email, to: a@b.fi, from: f@b.fi, host: h, password: hunter22}\n"),
        "3:57: submit.targets.m.password cannot hold a secret in the configuration",
    ),
    (
        targets(
            "    hd: {type: redmine, url: 'https://r.example.fi', project: s, "
            "api_key_env: 'ghp_s3cr3t/value'}\n"
        ),
        "3:79: submit.targets.hd.api_key_env must be the name of an environment variable, not the "
        "secret itself",
    ),
    (
        "submit:\n  default: nowhere\n  targets:\n    folder: {type: directory, path: /x}\n",
        "2:12: submit.default names 'nowhere', which is not a submit target (folder).",
    ),
    ("submit:\n  default: [a]\n", "2:12: submit.default must be text"),
    (
        "support:\n  email: a@b.fi\n  email: c@d.fi\n",
        "3:3: duplicate key 'email' (first at line 2)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_every_error_names_file_line_column_and_key_path(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    lines = str(info.value.message).splitlines()
    assert any(line.startswith(f"{path}:{expected}") for line in lines), lines
    assert str(info.value.hint)


def test_a_password_in_a_bad_url_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(targets("    w: {type: webhook, url: 'ftp://me:hunter22@h.example.fi/'}\n"))
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    assert str(info.value.message) == (
        f"{path}:3:29: submit.targets.w.url must be an http:// or https:// URL with a host, not "
        "'ftp://me:<secret>@h.example.fi/'"
    )


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            targets(
                "    m: {type: email, to: a@b.fi, from: f@b.fi, host: h, password: hunter22}\n"
            ),
            "hunter22",
        ),
        (
            targets("    w: {type: webhook, url: 'https://h.fi', token_env: 'tok3n-s3cret!'}\n"),
            "tok3n-s3cret!",
        ),
    ],
)
def test_secrets_written_into_the_configuration_are_refused_without_echoing_them(
    tmp_path: Path, text: str, secret: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    assert secret not in str(info.value.message) and secret not in str(info.value.hint)
    assert "_env" in str(info.value.hint) and "credentials file" in str(info.value.hint)


SPEC_EXAMPLE = """\
organisation: Example Oy
support:
  email: tuki@example.fi
  phone: "+358 10 123 4567"
  hours: "Mon-Fri 09:00-16:00"
  timezone: Europe/Helsinki
defaults: {mode: self, lang: fi}
trees: [/srv/fixit/trees]
checks:
  network.internet: {urls: ["https://www.example.fi/"]}
  service.url: {url: "https://portal.example.fi/"}
redaction: {username: placeholder, hostname: placeholder, email: placeholder, ip: keep}
submit:
  default: helpdesk
  targets:
    helpdesk: {type: redmine, url: "https://redmine.example.fi", project: support, api_key_env: REDMINE_API_KEY}
    mail: {type: email, to: tuki@example.fi, from: fixit@example.fi, host: smtp.example.fi, port: 587,
           security: starttls, username: fixit, password_env: SMTP_PASSWORD}
    hook: {type: webhook, url: "https://hooks.example.fi/fixit", token_env: HOOK_TOKEN}
    folder: {type: directory, path: /srv/share/tickets}
"""


def test_the_spec_example_loads_into_validated_values(isolated: Path) -> None:
    path = system_file(isolated, SPEC_EXAMPLE)
    cfg = load_config(None, {})
    assert cfg.organisation == "Example Oy"
    assert cfg.contact() == "tuki@example.fi, +358 10 123 4567"
    assert cfg.hours is not None and cfg.hours.text == "Mon-Fri 09:00-16:00"
    assert (cfg.mode, cfg.lang) == ("self", "fi")
    assert cfg.trees == [Path("/srv/fixit/trees")]
    assert cfg.checks["service.url"]["url"] == "https://portal.example.fi/"
    assert cfg.redaction == {**DEFAULT_POLICY, "ip": "keep"}
    assert list(cfg.targets) == ["helpdesk", "mail", "hook", "folder"]
    mail = cfg.targets["mail"]
    assert (mail.type, mail.settings["port"], mail.settings["to"]) == (
        "email",
        587,
        ("tuki@example.fi",),
    )
    assert cfg.default_target == "helpdesk"
    assert cfg.origins["support.phone"] == f"{path}:4"
    assert cfg.origins["submit.targets.helpdesk.url"] == f"{path}:16"
    assert cfg.origins["submit.targets.mail.password_env"] == f"{path}:18"
    assert cfg.files == [path]


def test_raw_stays_readable_for_the_report_redactor(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_file(isolated, SPEC_EXAMPLE)
    cfg = load_config(None, {})
    assert cfg.raw["redaction"]["ip"] == "keep"
    monkeypatch.setenv("HOOK_TOKEN", "canary-hook-value")
    assert "canary-hook-value" in secret_values(os.environ, cfg.raw)


def test_layers_later_files_win_and_origins_say_which(isolated: Path, tmp_path: Path) -> None:
    org = system_file(
        isolated,
        "organisation: Example Oy\nsupport:\n  email: tuki@example.fi\n  phone: '100'\n"
        "trees: [/srv/org]\nchecks:\n  disk.space: {warn_percent: 20, fail_percent: 5}\n"
        "redaction: {ip: keep, mac: remove}\n",
    )
    user = user_file(
        isolated,
        "support:\n  phone: '200'\ntrees: [/home/me/trees]\nchecks:\n  disk.space: {fail_percent: 2}\n"
        "redaction: {ip: remove}\n",
    )
    explicit = tmp_path / "extra.yaml"
    explicit.write_text("support:\n  email: apu@example.fi\n")
    cfg = load_config(explicit, {})
    assert cfg.support == {"email": "apu@example.fi", "phone": "200"}
    assert cfg.origins["organisation"] == f"{org}:1"
    assert cfg.origins["support.phone"] == f"{user}:2"
    assert cfg.origins["support.email"] == f"{explicit}:2"
    assert cfg.trees == [Path("/srv/org"), Path("/home/me/trees")]
    assert (cfg.origins["trees[0]"], cfg.origins["trees[1]"]) == (f"{org}:5", f"{user}:3")
    assert cfg.checks["disk.space"] == {"warn_percent": 20.0, "fail_percent": 2.0}
    assert cfg.origins["checks.disk.space.warn_percent"] == f"{org}:7"
    assert cfg.origins["checks.disk.space.fail_percent"] == f"{user}:5"
    assert (cfg.redaction["ip"], cfg.redaction["mac"]) == ("remove", "remove")
    assert cfg.origins["redaction.mac"] == f"{org}:8"
    assert cfg.files == [org, user, explicit]


def test_a_later_layer_replaces_a_whole_target(isolated: Path) -> None:
    system_file(
        isolated,
        targets(
            "    helpdesk:\n      type: redmine\n      url: https://r.example.fi\n"
            "      project: s\n      api_key_env: RM_KEY\n      tracker_id: 3\n"
            f"    other: {REDMINE}\n"
        ),
    )
    user = user_file(isolated, targets("    helpdesk: {type: directory, path: /srv/tickets}\n"))
    cfg = load_config(None, {})
    helpdesk = cfg.targets["helpdesk"]
    assert helpdesk.type == "directory" and "tracker_id" not in helpdesk.settings
    assert cfg.targets["other"].type == "redmine"
    assert cfg.origins["submit.targets.helpdesk"] == f"{user}:3"
    assert "submit.targets.helpdesk.tracker_id" not in cfg.origins
    assert cfg.raw["submit"]["targets"]["helpdesk"] == {"type": "directory", "path": "/srv/tickets"}
    assert set(cfg.raw["submit"]["targets"]) == {"helpdesk", "other"}


def test_the_default_may_name_a_target_of_another_layer(isolated: Path) -> None:
    system_file(isolated, targets(f"    helpdesk: {REDMINE}\n"))
    user = user_file(isolated, "submit:\n  default: helpdesk\n")
    cfg = load_config(None, {})
    assert cfg.default_target == "helpdesk"
    assert cfg.origins["submit.default"] == f"{user}:2"


def test_environment_variables_override_the_files(isolated: Path) -> None:
    system_file(
        isolated,
        "defaults: {mode: self, lang: fi}\nsubmit:\n  default: helpdesk\n  targets:\n"
        f"    helpdesk: {REDMINE}\n    folder: {{type: directory, path: /x}}\n",
    )
    env = {"FIXIT_LANG": "en", "FIXIT_MODE": "agent", "FIXIT_SUBMIT_TO": "folder"}
    cfg = load_config(None, env)
    assert (cfg.lang, cfg.mode, cfg.default_target) == ("en", "agent", "folder")
    assert cfg.origins["defaults.lang"] == "FIXIT_LANG"
    assert cfg.origins["defaults.mode"] == "FIXIT_MODE"
    assert cfg.origins["submit.default"] == "FIXIT_SUBMIT_TO"


def test_the_real_environment_is_read_by_default(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIXIT_MODE", "agent")
    assert load_config().mode == "agent"


@pytest.mark.parametrize(
    ("env", "message", "hint"),
    [
        (
            {"FIXIT_MODE": "robot"},
            "FIXIT_MODE must be self or agent, not 'robot'.",
            "Set FIXIT_MODE=self or FIXIT_MODE=agent, or unset it.",
        ),
        (
            {"FIXIT_LANG": "de"},
            "FIXIT_LANG must be en, fi or sv, not 'de'.",
            "Set FIXIT_LANG=en, FIXIT_LANG=fi or FIXIT_LANG=sv, or unset it.",
        ),
        (
            {"FIXIT_SUBMIT_TO": "nowhere"},
            "FIXIT_SUBMIT_TO names 'nowhere', which is not a submit target (helpdesk).",
            "Set FIXIT_SUBMIT_TO to one of the targets, or unset it.",
        ),
    ],
)
def test_bad_environment_variables_are_named(
    isolated: Path, env: dict[str, str], message: str, hint: str
) -> None:
    system_file(isolated, targets(f"    helpdesk: {REDMINE}\n"))
    with pytest.raises(ConfigError) as info:
        load_config(None, env)
    assert (str(info.value.message), str(info.value.hint)) == (message, hint)


def test_a_default_with_no_targets_at_all_says_so(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("submit:\n  default: helpdesk\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, {})
    assert str(info.value.message) == (
        f"{path}:2:12: submit.default names 'helpdesk', which is not a submit target "
        "(none is configured)."
    )


def test_no_files_means_built_in_defaults(isolated: Path) -> None:
    cfg = load_config(None, {})
    assert (cfg.mode, cfg.lang, cfg.targets, cfg.default_target) == ("self", None, {}, None)
    assert cfg.redaction == DEFAULT_POLICY and cfg.origins == {} and cfg.hours is None


def test_a_file_of_only_comments_is_an_empty_configuration(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("# nothing here yet\n")
    assert load_config(path, {}).files == [path]


def test_a_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml", {})
    assert (
        str(info.value.message)
        == f"the configuration file {tmp_path / 'nope.yaml'} does not exist."
    )


def test_unknown_time_zone_is_accepted_when_the_computer_has_no_zone_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixit import support_hours

    monkeypatch.setattr(support_hours, "_have_database", lambda: False)
    path = tmp_path / "c.yaml"
    path.write_text("support:\n  timezone: Europe/Nowhere\n")
    assert load_config(path, {}).support["timezone"] == "Europe/Nowhere"


# credentials file


def creds_file(isolated: Path, text: str, mode: int = 0o600) -> Path:
    path = isolated / "config" / "fixit" / "credentials.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    os.chmod(path, mode)
    return path


def test_lookup_prefers_the_environment_then_the_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = creds_file(isolated, "RM_KEY: from-file-123\nOTHER: other-456\n")
    assert credentials.credentials_path() == path
    monkeypatch.setenv("RM_KEY", "from-env-789")
    assert credentials.lookup("RM_KEY") == "from-env-789"
    assert credentials.lookup("OTHER") == "other-456"
    assert credentials.lookup("MISSING") is None


def test_no_credentials_file_means_no_secrets(isolated: Path) -> None:
    assert credentials.lookup("RM_KEY") is None and credentials.load() == {}


@pytest.mark.parametrize(("mode", "how"), [(0o644, "read"), (0o640, "read"), (0o620, "changed")])
def test_a_credentials_file_others_can_use_is_refused(isolated: Path, mode: int, how: str) -> None:
    path = creds_file(isolated, "RM_KEY: canary-credential-1\n", mode)
    with pytest.raises(ConfigError) as info:
        credentials.lookup("RM_KEY")
    assert str(info.value.message) == f"{path} can be {how} by other users (mode {mode:04o})."
    assert str(info.value.hint) == f"Run `chmod 600 {path}`."


def test_a_stricter_mode_is_fine(isolated: Path) -> None:
    creds_file(isolated, "RM_KEY: canary-credential-1\n", 0o400)
    assert credentials.lookup("RM_KEY") == "canary-credential-1"


def test_a_symlinked_credentials_file_is_refused(isolated: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.yaml"
    real.write_text("RM_KEY: x\n")
    os.chmod(real, 0o600)
    link = isolated / "config" / "fixit" / "credentials.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    with pytest.raises(ConfigError) as info:
        credentials.load()
    assert str(info.value.message) == f"{link} is not a regular file."


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_credentials_file_of_another_user_is_refused(isolated: Path) -> None:
    path = creds_file(isolated, "RM_KEY: x\n")
    os.chown(path, 54321, -1)
    with pytest.raises(ConfigError) as info:
        credentials.load()
    assert str(info.value.message) == f"{path} belongs to another user (uid 54321)."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- canary-credential-2\n", "1:1: the credentials file must map names to values."),
        ("RM_KEY: [canary-credential-2]\n", "1:9: RM_KEY must be a single value."),
        ("RM_KEY:\n", "1:8: RM_KEY must be a single value."),
    ],
)
def test_a_malformed_credentials_file_names_the_place_not_the_value(
    isolated: Path, text: str, message: str
) -> None:
    path = creds_file(isolated, text)
    with pytest.raises(ConfigError) as info:
        credentials.load()
    assert str(info.value.message) == f"{path}:{message}"
    assert "canary-credential-2" not in str(info.value.message) + str(info.value.hint)


def test_a_credentials_file_of_only_comments_is_empty(isolated: Path) -> None:
    creds_file(isolated, "# RM_KEY: later\n")
    assert credentials.load() == {}


def test_the_existing_ticket_settings_default_and_load(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("organisation: X\n", "utf-8")
    cfg = load_config(path, {})
    assert (cfg.existing_ticket, cfg.existing_hours) == ("add", 12.0)
    path.write_text("submit:\n  existing_ticket: new\n  existing_hours: 0.5\n", "utf-8")
    cfg = load_config(path, {})
    assert (cfg.existing_ticket, cfg.existing_hours) == ("new", 0.5)
