"""Which folder is closed, whose it is and what to do (fixit.access), checked in-process with
the permission check itself (`os.access`, `os.stat`) answering as it would for a normal user."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import access
from fixit.config import load_config
from fixit.errors import ConfigError
from fixit.i18n.errors import translate

REAL_ACCESS = os.access
REAL_STAT = os.stat
REAL_LSTAT = os.lstat


def closed_to_user(
    monkeypatch: pytest.MonkeyPatch, folder: Path, uid: int = 54321
) -> Callable[[], None]:
    """Act as user `uid` for whom `folder` (owned by root) cannot be entered."""
    monkeypatch.setattr(os, "getuid", lambda: uid)

    def fake_access(path: object, mode: int, *args: object, **kw: object) -> bool:
        if Path(str(path)) == folder:
            return False
        return REAL_ACCESS(path, mode, *args, **kw)  # type: ignore[arg-type]

    def fake_stat(path: object, *args: object, **kw: object) -> os.stat_result:
        if folder in Path(str(path)).parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return REAL_STAT(path, *args, **kw)  # type: ignore[arg-type]

    def fake_lstat(path: object, *args: object, **kw: object) -> os.stat_result:
        if folder in Path(str(path)).parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return REAL_LSTAT(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", fake_access)
    monkeypatch.setattr(os, "stat", fake_stat)
    monkeypatch.setattr(os, "lstat", fake_lstat)
    return monkeypatch.undo


def test_a_root_folder_left_by_sudo_in_the_users_config(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = isolated / "config" / "fixit"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "config.yaml").write_text("organisation: X\n")
    closed_to_user(monkeypatch, folder)
    with pytest.raises(ConfigError) as info:
        load_config()
    monkeypatch.undo()
    assert info.value.message == (
        f"cannot open your configuration folder ({folder}): "
        "permission denied (owner root, mode 0700)."
    )
    assert info.value.hint == (
        f"Make it yours again with `sudo chown -R 54321 {folder}` "
        "(running fixit with sudo leaves files of root's behind)."
    )
    assert translate(info.value.hint, "fi") == (
        f"Ota se takaisin omaksesi komennolla `sudo chown -R 54321 {folder}` "
        "(kun fixit ajetaan sudolla, jälkeen jää rootin omistamia tiedostoja)."
    )


def test_a_closed_folder_above_the_configuration_is_the_one_named(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    above = isolated / "config"
    (above / "fixit").mkdir(parents=True)
    closed_to_user(monkeypatch, above)
    message, hint = access.denied(above / "fixit" / "config.yaml", "your configuration file")
    monkeypatch.undo()
    assert message == (
        f"cannot open the folder {above}, so your configuration file "
        f"({above / 'fixit' / 'config.yaml'}) cannot be read: permission denied "
        f"(owner root, mode {os.stat(above).st_mode & 0o777:04o})."
    )
    assert hint.startswith("Make it yours again with `sudo chown -R 54321 ")
    assert translate(message, "fi").startswith(f"kansio {above} ei aukea, joten oma ")


def test_an_organisation_folder_asks_the_administrator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    etc = tmp_path / "etc"
    etc.mkdir(mode=0o750)
    os.chmod(etc, 0o750)
    (etc / "config.yaml").write_text("organisation: X\n")
    monkeypatch.setenv("FIXIT_SYSTEM_DIR", str(etc))
    closed_to_user(monkeypatch, etc)
    with pytest.raises(ConfigError) as info:
        load_config()
    monkeypatch.undo()
    assert info.value.message == (
        f"cannot open the organisation's configuration folder ({etc}): "
        "permission denied (owner root, mode 0750)."
    )
    assert info.value.hint == (
        f"Ask your administrator to let you read it, for example `sudo chmod a+rX {etc}`."
    )
    assert translate(info.value.message, "fi") == (
        f"organisaation asetuskansio ({etc}) ei aukea: sinulla ei ole siihen käyttöoikeutta "
        "(omistaja root, oikeudet 0750)."
    )


def test_an_unreadable_file_in_an_open_folder(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = isolated / "config" / "fixit" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("organisation: X\n")
    os.chmod(path, 0o600)
    closed_to_user(monkeypatch, path)
    with pytest.raises(ConfigError) as info:
        load_config()
    monkeypatch.undo()
    assert info.value.message == (
        f"cannot read your configuration file ({path}): permission denied (owner root, mode 0600)."
    )
    assert info.value.hint.startswith("Make it yours again with `sudo chown -R 54321 ")


def test_own_folder_without_permissions_says_chmod(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    hint = access._hint(folder, os.stat(folder))
    assert hint == f"Give yourself access with `chmod u+rwX {folder}`."
    assert (
        translate(hint, "fi") == f"Anna itsellesi käyttöoikeus komennolla `chmod u+rwX {folder}`."
    )


def test_other_errors_than_permission_are_said_as_they_are(tmp_path: Path) -> None:
    exc = OSError(errno.EIO, "Input/output error")
    message, hint = access.unreadable(tmp_path / "c.yaml", "the configuration file", exc=exc)
    assert (
        message
        == f"cannot read the configuration file ({tmp_path / 'c.yaml'}): input/output error."
    )
    assert translate(message, "fi").startswith("asetustiedosto (")
    assert translate(hint, "fi") == "Tarkista tiedosto ja sen yläpuoliset kansiot."


def test_a_closed_folder_above_the_credentials_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixit import credentials

    folder = isolated / "config" / "fixit"
    folder.mkdir(parents=True)
    closed_to_user(monkeypatch, folder)
    with pytest.raises(ConfigError) as info:
        credentials.load()
    monkeypatch.undo()
    assert info.value.message == (
        f"cannot open your configuration folder ({folder}): permission denied "
        f"(owner root, mode {os.stat(folder).st_mode & 0o777:04o})."
    )
    assert "sudo chown -R 54321" in info.value.hint


@pytest.mark.parametrize(
    "text",
    [
        "cannot read the answer file (/x/a.yaml): permission denied (owner root, mode 0600).",
        "cannot open the tree folder (/srv/t): permission denied (owner root, mode 0700).",
        "cannot open your tree folder (/h/t): permission denied (owner root, mode 0700).",
        "cannot open a tree folder named in the configuration (/srv/t): permission denied "
        "(owner root, mode 0700).",
        "cannot open the organisation's tree folder (/etc/fixit/trees): permission denied "
        "(owner root, mode 0750).",
        "cannot open the shipped tree folder (/usr/t): permission denied (owner root, mode 0700).",
        "cannot open the folder of the configuration file (/x): permission denied "
        "(owner root, mode 0700).",
        "cannot open the folder /etc/fixit, so the organisation's configuration file "
        "(/etc/fixit/config.yaml) cannot be read: permission denied (owner root, mode 0750).",
        "cannot read your credentials file (/h/c.yaml): input/output error.",
        "Ask your administrator to let you read it, for example `sudo chmod a+rX /etc/fixit`.",
        "Make it yours again with `sudo chown -R maija /h/.config/fixit`.",
        "Check the permissions of the folder and the file.",
    ],
)
def test_every_access_message_speaks_finnish(text: str) -> None:
    finnish = translate(text, "fi")
    assert finnish != text
    for english in ("cannot", "permission denied", "the ", "your ", "folder", "owner"):
        assert english not in finnish, finnish
