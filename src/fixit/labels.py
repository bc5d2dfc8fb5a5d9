"""Labels of fixit's own values — outcomes, modes, statuses, categories, urgencies, who
answered, column headings — as messages, one table per kind of value, looked up by the value."""

from __future__ import annotations

from fixit.i18n import Msg, _, pgettext

OUTCOME: dict[str, Msg] = {  # a session's outcome
    "resolved": _("Resolved"),
    "escalate": _("Needs support"),
    "referred": _("Referred to another party"),
    "unresolved": _("Unresolved"),
    "known": _("Known problem"),
}

NODE_KIND: dict[str, Msg] = {  # a tree node's kind, as a table column names it
    "question": pgettext("node kind", "question"),
    "step": pgettext("node kind", "step"),
    "check": pgettext("node kind", "check"),
    "input": pgettext("node kind", "input"),
    "info": pgettext("node kind", "message"),
    "tree": pgettext("node kind", "other guide"),
    "end": pgettext("node kind", "end"),
}

MODE: dict[str, Msg] = {  # self-service or agent
    "self": _("self-service"),
    "agent": _("guided by a support agent"),
}

STATUS: dict[str, Msg] = {  # a session's status
    "running": _("running"),
    "paused": _("paused"),
    "interrupted": _("interrupted"),
    "finished": _("finished"),
    "damaged": _("damaged"),
}

CATEGORY: dict[str, Msg] = {  # a tree's category
    "incident": _("incident"),
    "service_request": _("service request"),
    "advice": _("advice"),
}

URGENCY: dict[str, Msg] = {  # a report's urgency
    "critical": _("stops work for many"),
    "high": _("blocks my work"),
    "normal": _("work is possible but harder"),
    "low": _("no hurry"),
}

BY: dict[str, Msg] = {  # who answered a step
    "user": _("user"),
    "agent": _("agent"),
    "check": _("automatic check"),
    "override": _("user (overrode the check)"),
    "answers": _("answer file"),
    "guard": _("escalated"),
}

SESSIONS_COL: dict[str, Msg] = {  # `fixit sessions`
    "none": _("No sessions yet. Start one with `fixit`."),
    "id": _("Session"),
    "tree": _("Topic"),
    "mode": _("Mode"),
    "started": _("Started"),
    "status": pgettext("sessions.status", "Status"),
    "outcome": _("Outcome"),
    "support_code": _("Support code"),
}

TREES_COL: dict[str, Msg] = {  # `fixit trees list` and validate
    "id": _("Id"),
    "title": pgettext("trees.title", "Title"),
    "category": _("Category"),
    "audience": _("For"),
    "languages": _("Languages"),
    "source": _("From"),
    "path": _("File"),
    "state": pgettext("trees.state", "Status"),
    "source.shipped": _("shipped with fixit"),
    "source.system": _("the organisation's folder"),
    "source.config": _("a folder named in the configuration"),
    "source.user": _("your folder"),
    "source.extra": _("--trees / FIXIT_TREES"),
    "broken": _("✗ does not validate: `{command}` says why"),
    "hides": _("hides the tree of the same id ({where})"),
}

OUTBOX_STATUS: dict[str, Msg] = {  # an outbox item's status
    "waiting": _("waiting"),
    "needs_fix": _("needs a fix"),
    "sent": _("sent"),
    "damaged": _("damaged"),
}

OUTBOX_COL: dict[str, Msg] = {  # `fixit outbox list`
    "session": _("Session"),
    "target": _("Target"),
    "title": pgettext("outbox.col.title", "Title"),
    "attempts": _("Tries"),
    "status": pgettext("outbox.col.status", "Status"),
    "last_error": _("Last error"),
    "next_try": _("Next try"),
}

START: dict[str, Msg] = {  # the first line of a session
    "agent": _(
        "Agent mode: read out to the caller what the Say box holds. Everything else is for you."
    ),
    "self": _(
        "Answer the questions. Every answer is saved as you go, so you can stop and carry on later."
    ),
}

CALLER: dict[str, Msg] = {  # the caller's details, asked by the agent
    "intro": _("First, the caller's details (leave blank what you don't have)."),
    "name": _("Caller's name"),
    "organisation": _("Organisation"),
    "contact": _("Phone or e-mail"),
    "device_id": _("Device id (e.g. the player's or the computer's id)"),
}

SUMMARY_CALLER: dict[str, Msg] = {  # the caller's details on the end screen
    "name": _("Name"),
    "organisation": _("Organisation"),
    "contact": _("Contact"),
    "device_id": _("Device id"),
}

NEXT: dict[str, Msg] = {  # what happens next, at the end of a session and a report
    "resolved": _("Good — the problem is fixed. Nothing more to do."),
    "escalate": _("Support needs to look at this: send the report to support{contact}."),
    "referred": _("This needs someone else to act; the message above says whom to contact."),
    "unresolved": _("We did not find the cause: send the report to support{contact}."),
    "known": _(
        "Support already knows about this problem and is on it: add this report to its ticket."
    ),
    "contact": _(" ({contact})"),
    "referred.agent": _("Tell the caller whom to contact: the message above names them."),
    "saved.self.incident": _("Your report is saved as {id} but has not been sent to support yet."),
    "saved.self.service_request": _(
        "Your request is saved as {id} but has not been sent to support yet."
    ),
    "saved.self.advice": _("Your question is saved as {id} but has not been sent to support yet."),
    "saved.agent.incident": _("Saved as case {id}; it is not in the support queue yet."),
    "saved.agent.service_request": _("Saved as request {id}; it is not in the support queue yet."),
    "saved.agent.advice": _("Saved as question {id}; it is not in the support queue yet."),
    "how.submit.self": _("Send it with: fixit submit {id}"),
    "how.submit.agent": _("Put it in the queue with: fixit submit {id}"),
    "how.choose.self": _("Send it with: fixit submit {id} --to TARGET (one of: {more})"),
    "how.choose.agent": _(
        "Put it in the queue with: fixit submit {id} --to TARGET (one of: {more})"
    ),
    "how.save.self": _(
        "Send it to support yourself{more}; save it as a file first with: fixit report {id} "
        "--output report.md"
    ),
    "how.save.agent": _(
        "Add it to a ticket yourself; save it as a file first with: fixit report {id} --output "
        "report.md"
    ),
    "sent.self": _("Sent to support as ticket {ref}."),
    "sent.agent": _("In the support queue as ticket {ref}."),
}

OFFER: dict[str, Msg] = {  # the offer to send at the end
    "title": _("Send the report to support ({target}) now?"),
    "send": _("Send it now"),
    "show": _("Show exactly what will be sent"),
    "later": _("Not now"),
    "title.agent": _("Put this in the support queue ({target}) now?"),
    "how": _("Send it later with: fixit submit {id}"),
    "how.agent": _("Put it in the queue later with: fixit submit {id}"),
}

TITLE_OUTCOME: dict[str, Msg] = {  # a report title's ending
    "resolved": _("resolved after {steps}"),
    "escalate": _("escalated after {steps}"),
    "referred": _("referred elsewhere after {steps}"),
    "unresolved": _("unresolved after {steps}"),
    "known": _("a known problem"),
}

STEP: dict[str, Msg] = {  # a step's results
    "of": _("Step {n}"),
    "of_most": _("Step {n} of at most {most}"),
    "solved": _("Done — that fixed it"),
    "unsolved": _("Done — still not working"),
    "prompt": _("Did that help?"),
}

VERIFY_LINES: dict[str, Msg] = {  # what a step's check after it says
    "now": _("Done — check whether it works now"),
    "retry": _("Not yet: {summary}. Checking again in {seconds} s…"),
    "retry.key": _(
        "Not yet: {summary}. Checking again in {seconds} s — or press any key to stop waiting and "
        "answer yourself."
    ),
    "stopped": _("Stopped waiting for the check: answer yourself."),
    "passed": _("Checked: {summary} — it works now."),
    "failed": _("Checked: {summary} — it still does not work."),
    "unknown": _("The automatic check could not tell ({summary}). Please answer yourself."),
}

CHECK: dict[str, Msg] = {  # an automatic check in the wizard
    "running": _("Checking: {title}…"),
    "detected": _("Detected: {summary}"),
    "accept": _("That's right — continue"),
    "override": _("That's not right — let me answer"),
    "unavailable": _("Could not check this automatically: {summary}"),
    "suggested": _(
        "Detected: {summary} — the matching answer is selected; press Enter to accept, or choose "
        "another."
    ),
    "unsure": _("Checked automatically: {summary} — that does not settle it, so please answer."),
    "off": _("Automatic checks are skipped in this session: {reason}."),
    "off.agent": _("in agent mode they would run on your computer, not the caller's"),
    "again": _("Checked again: {summary}"),
    "off.disabled": _("checks are turned off"),
}

SUPPORT: dict[str, Msg] = {  # support hours
    "open": _("Support is open {hours}{zone}; expect an answer during opening hours."),
    "closed": _("Support opens again {day} at {time}{zone}."),
    "urgent": _(
        "This is urgent and support is closed: call {phone} and give the ticket number {ticket}."
    ),
    "urgent.no_ticket": _("This is urgent and support is closed: call {phone}."),
    "no_timezone": _(
        "The time zone {zone} is not known on this computer, so the times above are local time."
    ),
    "day.today": _("today"),
    "day.tomorrow": _("tomorrow"),
    "day.monday": _("Monday"),
    "day.tuesday": _("Tuesday"),
    "day.wednesday": _("Wednesday"),
    "day.thursday": _("Thursday"),
    "day.friday": _("Friday"),
    "day.saturday": _("Saturday"),
    "day.sunday": _("Sunday"),
}
DIAG_STATUS: dict[str, Msg] = {  # a check's status
    "pass": _("OK"),
    "warn": _("warning"),
    "fail": _("FAILED"),
    "error": _("error"),
    "skipped": _("skipped"),
}

CONFIG: dict[str, Msg] = {  # `fixit config show` and `fixit config path`
    "col.key": _("Setting"),
    "col.value": _("Value"),
    "col.from": _("From"),
    "default": _("built-in default"),
    "env.set": _("{name} (set)"),
    "env.file": _("{name} (set in the credentials file)"),
    "env.unset": _("{name} (not set)"),
    "hidden": _("••••• (hidden)"),
    "col.what": _("What"),
    "col.path": _("Path"),
    "col.state": pgettext("config.col.state", "Status"),
    "path.system": _("Organisation's configuration"),
    "path.user": _("Your configuration"),
    "path.explicit": _("--config / FIXIT_CONFIG"),
    "path.credentials": _("Credentials"),
    "path.trees": _("Trees ({source})"),
    "path.state": _("State (sessions, outbox)"),
    "path.cache": _("Cache"),
    "source.shipped": _("shipped with fixit"),
    "source.system": _("organisation"),
    "source.config": _("configuration"),
    "source.user": _("yours"),
    "source.extra": _("--trees / FIXIT_TREES"),
    "exists": _("exists"),
    "missing": _("not found"),
    "denied": _("cannot be read (no permission for {folder})"),
    "unreadable": _("cannot be read ({reason})"),
    "read": _("read"),
    "read_empty": _("read; sets nothing (every line is a comment)"),
    "has_errors": _("exists, but has errors (below)"),
    "not_given": pgettext("config.not_given", "not given"),
    "broken": _("The configuration has an error, so its tree folders are not listed: {error}"),
    "init.wrote": _("Wrote a starter configuration to {path}."),
    "init.next": _(
        "Everything in it is commented out: uncomment what you need, then check it with `fixit "
        "config show`."
    ),
}


KNOWN_NEXT: dict[str, Msg] = {  # the next step after "this is my problem"
    "unwanted.self": _(
        "Support asks for no new reports of this problem, so there is nothing to send: it is being "
        "fixed."
    ),
    "unwanted.agent": _("Support asks for no new reports of this problem: nothing to send."),
    "adds.self": _("Your report is saved as {id}; sending it adds you to ticket {ticket}."),
    "adds.agent": _("Saved as case {id}; sending it adds the caller to ticket {ticket}."),
    "names.self": _(
        "Your report is saved as {id}; sending it makes a new report that names ticket {ticket}."
    ),
    "names.agent": _(
        "Saved as case {id}; sending it makes a new report that names ticket {ticket}."
    ),
    "tells.self": _(
        "Your report is saved as {id}; sending it tells support you have this problem too."
    ),
    "tells.agent": _("Saved as case {id}; sending it tells support one more caller has it."),
}
