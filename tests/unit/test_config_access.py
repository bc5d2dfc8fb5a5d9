"""Which folder is closed, whose it is and what to do (fixit.access), checked in-process with
the permission check itself (`os.access`, `os.stat`) answering as it would for a normal user."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from fixit import access, credentials
from fixit.config import LAYERS, load_config
from fixit.errors import ConfigError
from fixit.i18n import Msg
from fixit.trees.library import FOLDERS

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
    assert str(info.value.message) == (
        f"cannot open your configuration folder ({folder}): "
        "permission denied (owner root, mode 0700)."
    )
    assert str(info.value.hint) == (
        f"Make it yours again with `sudo chown -R 54321 {folder}` "
        "(running fixit with sudo leaves files of root's behind)."
    )
    assert info.value.hint.render("fi") == (
        f"Ota se takaisin omaksesi komennolla `sudo chown -R 54321 {folder}` "
        "(kun fixit ajetaan sudolla, jälkeen jää rootin omistamia tiedostoja)."
    )


def test_a_closed_folder_above_the_configuration_is_the_one_named(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    above = isolated / "config"
    (above / "fixit").mkdir(parents=True)
    closed_to_user(monkeypatch, above)
    message, hint = access.denied(above / "fixit" / "config.yaml", LAYERS[1][0])
    monkeypatch.undo()
    assert str(message) == (
        f"cannot open the folder {above}, so your configuration file "
        f"({above / 'fixit' / 'config.yaml'}) cannot be read: permission denied "
        f"(owner root, mode {os.stat(above).st_mode & 0o777:04o})."
    )
    assert str(hint).startswith("Make it yours again with `sudo chown -R 54321 ")
    assert message.render("fi").startswith(f"kansio {above} ei aukea, joten oma ")


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
    assert str(info.value.message) == (
        f"cannot open the organisation's configuration folder ({etc}): "
        "permission denied (owner root, mode 0750)."
    )
    assert str(info.value.hint) == (
        f"Ask your administrator to let you read it, for example `sudo chmod a+rX {etc}`."
    )
    assert info.value.message.render("fi") == (
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
    assert str(info.value.message) == (
        f"cannot read your configuration file ({path}): permission denied (owner root, mode 0600)."
    )
    assert str(info.value.hint).startswith("Make it yours again with `sudo chown -R 54321 ")


def test_own_folder_without_permissions_says_chmod(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    hint = access._hint(folder, os.stat(folder))
    assert str(hint) == f"Give yourself access with `chmod u+rwX {folder}`."
    assert hint.render("fi") == f"Anna itsellesi käyttöoikeus komennolla `chmod u+rwX {folder}`."


def test_other_errors_than_permission_are_said_as_they_are(tmp_path: Path) -> None:
    exc = OSError(errno.EIO, "Input/output error")
    message, hint = access.unreadable(tmp_path / "c.yaml", LAYERS[2][0], exc=exc)
    assert (
        str(message)
        == f"cannot read the configuration file ({tmp_path / 'c.yaml'}): input/output error."
    )
    assert message.render("fi").startswith("asetustiedosto (")
    assert hint.render("fi") == "Tarkista tiedosto ja sen yläpuoliset kansiot."


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
    assert str(info.value.message) == (
        f"cannot open your configuration folder ({folder}): permission denied "
        f"(owner root, mode {os.stat(folder).st_mode & 0o777:04o})."
    )
    assert "sudo chown -R 54321" in str(info.value.hint)


WHATS = [*(what for pair in LAYERS for what in pair), *FOLDERS.values(), *credentials.WHAT]


@pytest.mark.parametrize("what", WHATS, ids=str)
def test_every_access_message_speaks_finnish(what: Msg, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("/x/y/file.yaml")
    monkeypatch.setattr(access, "_owner", lambda target: (None, "root", "0700"))
    shown = [access._hint(path, None)]
    for blocked in (None, path, path.parent, Path("/x")):  # every way the way can be closed
        monkeypatch.setattr(access, "blocked_folder", lambda p, b=blocked: b)
        shown.append(access.denied(path, what, what)[0])
    shown.append(access.unreadable(path, what, exc=OSError(errno.EIO, "Input/output error"))[0])
    for message in shown:
        finnish = message.render("fi")
        assert finnish != str(message)
        for english in ("cannot", "permission denied", "the ", "your ", "folder", "owner"):
            assert english not in finnish, finnish
