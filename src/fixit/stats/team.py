"""The team's statistics store on PostgreSQL (`stats: {store: postgresql://…}`): the connection
(psycopg 3, imported only here; certificates verified unless the URL says otherwise; short
timeouts), the POSTGRES dialect of the shared tables, and the errors a user can meet."""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fixit.errors import FixitError
from fixit.i18n import Msg, _
from fixit.stats.figures import Filters, Groups, collect, figures
from fixit.stats.result import Stats
from fixit.stats.tables import Dialect, create, put

if TYPE_CHECKING:
    import psycopg

    from fixit.config_model import Config, TeamStore
    from fixit.stats.team_agents import AgentFigures

Lookup = Callable[[str], "str | None"]

NOT_CONFIGURED = _("no team statistics store is configured.")
NOT_CONFIGURED_HINT = _(
    "Set stats.store in the organisation's configuration (see `fixit config show`)."
)
NO_DRIVER = _("the team statistics store needs psycopg, which is not installed.")
NO_DRIVER_HINT = _("Install it with `pip install 'fixit[team]'`.")
AUTH_STATES = ("28P01", "28000")


class TeamStoreError(FixitError):
    """The team store cannot be used now: `retry` when a later try may work as it is."""

    def __init__(self, message: Msg, hint: Msg | None = None, retry: bool = True) -> None:
        super().__init__(message, hint)
        self.retry = retry


def store_of(config: Config) -> TeamStore:
    """The configured store, or the error that says how to configure one."""
    if config.team is None:
        raise TeamStoreError(NOT_CONFIGURED, NOT_CONFIGURED_HINT, retry=False)
    return config.team


def where(store: TeamStore) -> str:
    """The store as people are shown it: scheme://host[:port]/… (no user, password or path)."""
    from fixit.urls import short_url

    return short_url(store.url)


def driver() -> Any:
    """The psycopg module, or the error that says to install fixit[team]."""
    try:
        import psycopg
    except ImportError:
        raise TeamStoreError(NO_DRIVER, NO_DRIVER_HINT, retry=False) from None
    return psycopg


def _ca_file() -> str | None:
    """The system's trust store as a file libpq can read (SSL_CERT_FILE is honoured)."""
    given = os.environ.get("SSL_CERT_FILE")
    if given:
        return given
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def connect_args(store: TeamStore, lookup: Lookup) -> dict[str, Any]:
    """libpq's settings beside the URL: certificate checks (unless the URL says), timeouts, the
    password (from the environment or the credentials file, never the configuration)."""
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(store.url)
    seconds = max(2, math.ceil(store.timeout))  # libpq's least connect timeout is 2 s
    args: dict[str, Any] = {
        "connect_timeout": seconds,
        "tcp_user_timeout": int(store.timeout * 1000),  # a dead peer ends a read, too
        "keepalives_idle": seconds,
        "application_name": "fixit",
    }
    if "sslmode" not in given:
        args["sslmode"] = "verify-full"
    if "sslrootcert" not in given and given.get("sslmode", "verify-full") in (
        "verify-ca",
        "verify-full",
    ):
        ca = _ca_file()
        if ca is not None:
            args["sslrootcert"] = ca
    if store.password_env:
        password = lookup(store.password_env)
        if password is None:
            raise TeamStoreError(
                _(
                    "the password for the team statistics store is not set ({variable}).",
                    variable=store.password_env,
                ),
                _(
                    "Set the environment variable {variable}, or add it to the credentials file "
                    "(see `fixit config path`).",
                    variable=store.password_env,
                ),
                retry=False,
            )
        args["password"] = password
    return args


def connect(
    store: TeamStore, lookup: Lookup | None = None, statement_seconds: float | None = None
) -> psycopg.Connection[Any]:
    """A connection to the store with a statement timeout (the store's, unless a reader that a
    person waits for asks for longer), or a TeamStoreError that says why there is none (the
    server's own words are never shown: they may quote the URL)."""
    from fixit.credentials import lookup as stored

    pg = driver()
    args = connect_args(store, lookup or stored)
    try:
        conn: psycopg.Connection[Any] = pg.connect(store.url, **args)
    except pg.Error as exc:
        raise connect_error(store, exc) from None
    try:
        seconds = statement_seconds or store.timeout
        conn.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        conn.commit()
    except pg.Error as exc:
        conn.close()
        raise query_error(store, exc) from None
    return conn


def connect_error(store: TeamStore, exc: BaseException) -> TeamStoreError:
    """What a failed connection means for the user: the login, the certificate, the database,
    else the server is out of reach."""
    text = str(exc).lower()
    state = getattr(exc, "sqlstate", None)
    at = where(store)
    if state in AUTH_STATES or "password authentication failed" in text or "no password" in text:
        variable = store.password_env or "stats.password_env"
        return TeamStoreError(
            _("the team statistics store at {where} refused the user name or password.", where=at),
            _(
                "Check the password in {variable} and the user name in stats.store.",
                variable=variable,
            ),
            retry=False,
        )
    if "does not support ssl" in text:
        return TeamStoreError(
            _("the team statistics store at {where} does not offer TLS.", where=at),
            _(
                "Switch TLS on at the database server, or, for a server on this machine only, "
                "add sslmode=disable to stats.store."
            ),
            retry=False,
        )
    if "certificate" in text:
        return TeamStoreError(
            _("the team statistics store at {where} failed the certificate check.", where=at),
            _(
                "Give the server a certificate this machine trusts (SSL_CERT_FILE is honoured), or "
                "name its CA with sslrootcert in stats.store."
            ),
            retry=False,
        )
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return TeamStoreError(
            _("the team statistics store at {where} has no such database.", where=at),
            _("Create the database, or correct its name in stats.store."),
            retry=False,
        )
    return TeamStoreError(
        _("cannot reach the team statistics store at {where}.", where=at),
        _(
            "Check the network and that the database server is running; the outcome records "
            "wait in the outbox until then."
        ),
    )


def query_error(store: TeamStore, exc: BaseException) -> TeamStoreError:
    """A statement the store refused or did not finish in time (its SQLSTATE names it)."""
    state = getattr(exc, "sqlstate", None)
    at = where(store)
    if state == "57014":  # statement_timeout
        return TeamStoreError(
            _("the team statistics store at {where} did not answer in time.", where=at),
            _("Try again later; the outcome records wait in the outbox until then."),
        )
    if state is None or state.startswith("08"):  # the link was lost on the way
        return connect_error(store, exc)
    return TeamStoreError(
        _(
            "the team statistics store at {where} refused the request ({code}).",
            where=at,
            code=state,
        ),
        _("Check that the user in stats.store may create and write the statistics tables."),
        retry=False,
    )


def agent_id(store: TeamStore, mode: str, lookup: Lookup | None = None) -> str | None:
    """The opaque id of the agent at the keyboard, for per-agent figures: only when the
    organisation switched them on (stats.agents), only in agent mode, and only as a keyed hash
    of the login name (no one without the key can tell whose it is)."""
    import getpass

    from fixit.credentials import lookup as stored

    if not store.agents or mode != "agent" or not store.agent_key_env:
        return None
    key = (lookup or stored)(store.agent_key_env)
    if not key:
        return None
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        return None
    digest = hmac.new(key.encode(), f"fixit-agent:{login.casefold()}".encode(), hashlib.sha256)
    return "a-" + digest.hexdigest()[:16]


POSTGRES = Dialect("postgresql", "%s")  # the shared tables' SQL, with psycopg's parameters
TABLES = ("sessions", "steps", "checks", "sessions_tree")
READ_SECONDS = 120.0  # `stats --team` over the raw tables (a time span) may count millions of rows


def _missing(conn: psycopg.Connection[Any]) -> bool:
    """Whether a table or index of the statistics is missing (in the connection's schema)."""
    marks = ", ".join("to_regclass(%s) IS NULL" for _t in TABLES)
    row = conn.execute(f"SELECT {marks}", TABLES).fetchone()
    return row is None or any(row)


def ensure_tables(store: TeamStore, conn: psycopg.Connection[Any]) -> None:
    """Create the statistics tables and the totals where they are missing (the same DDL as the
    local index); a store whose tables an administrator made needs no right to create them."""
    from fixit.stats import team_rollup

    pg = driver()
    try:
        if _missing(conn) or not team_rollup.exists(conn):
            with conn.transaction():
                create(conn)
                if not team_rollup.exists(conn):
                    team_rollup.create(conn)
        conn.commit()
    except pg.errors.UniqueViolation:  # another fixit made them at the same moment
        conn.rollback()
    except pg.Error as exc:
        raise query_error(store, exc) from None


def put_record(conn: psycopg.Connection[Any], record: dict[str, Any]) -> None:
    """Replace a session's rows with its outcome record and move the totals by the difference,
    in one transaction of its own, under a lock on the session id (two fixits sending the same
    session one after the other, never at once)."""
    from fixit.stats import team_rollup

    sid = str(record["session"])
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"fixit-session:{sid}",))
        before = team_rollup.counted(conn, POSTGRES, sid)
        put(conn, POSTGRES, record)
        team_rollup.apply(conn, before, team_rollup.counted(conn, POSTGRES, sid))


def team_figures(config: Config, filters: Filters) -> Stats:
    """`fixit stats --team`'s figures (see `team_stats`)."""
    return team_stats(config, filters)[0]


def team_stats(config: Config, filters: Filters) -> tuple[Stats, list[AgentFigures] | None]:
    """`fixit stats --team`: the figures of the team's store, from its totals when they can
    answer the filters, else with the same queries as the local index over the raw tables; and
    the per-agent figures when the organisation switched them on (None when it did not). No
    tables yet means no sessions yet."""
    from fixit.stats import team_rollup
    from fixit.stats.team_agents import agent_figures

    store = store_of(config)
    pg = driver()
    with connect(store, statement_seconds=READ_SECONDS) as conn:
        try:
            if _missing(conn):
                return figures(Groups(), filters), [] if store.agents else None
            if team_rollup.answers(filters) and team_rollup.exists(conn):
                found = figures(team_rollup.read(conn, filters), filters)
            else:
                found = figures(collect(conn, POSTGRES, filters), filters)
            agents = agent_figures(conn, POSTGRES, filters) if store.agents else None
        except pg.Error as exc:
            raise query_error(store, exc) from None
    return found, agents
