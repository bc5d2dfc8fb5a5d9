"""Finnish for the errors of submit/ (targets, HTTP, outbox) and commands/.

Keys are the English templates exactly as the code writes them, `{}` for each value (see
i18n/errors.py); values say the same in Finnish, `{0}`, `{1}`… for the values in any order.
"""

MESSAGES: dict[str, str] = {
    # --- commands/config_cmd.py: fixit config init
    "{} is a folder.": "{0} on kansio.",
    "Give a file name inside it with --output, e.g. {}.": (
        "Anna valitsimella --output tiedostonimi kansion sisältä, esim. {0}."
    ),
    "{} already exists.": "{0} on jo olemassa.",
    "Add --force to replace it, or write elsewhere with --output FILE.": (
        "Korvaa se valitsimella --force tai tallenna muualle valitsimella --output FILE."
    ),
    "cannot create the folder {}: {}.": "kansiota {0} ei voi luoda: {1}.",
    "Choose another place with --output FILE.": "Valitse toinen paikka valitsimella --output FILE.",
    # --- commands/delivery.py
    "unexpected error: {}": "odottamaton virhe: {0}",
    # --- commands/diagnose.py
    "there is no check {}.": "tarkistusta {0} ei ole.",
    "Use one of: {} (or a family such as `network`).": (
        "Käytä jotakin näistä: {0} (tai ryhmää, kuten `network`)."
    ),
    "--timeout must be more than 0 and at most {} seconds, not {}.": (
        "valitsimen --timeout arvon pitää olla yli 0 ja enintään {0} sekuntia, nyt se on {1}."
    ),
    "Try --timeout 10.": "Kokeile esimerkiksi --timeout 10.",
    # --- commands/report_cmd.py
    "there is no report format {}.": "raporttimuotoa {0} ei ole.",
    "Use one of: {}.": "Käytä jotakin näistä: {0}.",
    "--no-redact is only for reading a report on this screen.": (
        "valitsin --no-redact on vain raportin lukemiseen tällä näytöllä."
    ),
    "Leave it out: reports written to files or pipes are always redacted.": (
        "Jätä se pois: tiedostoon tai putkeen kirjoitetusta raportista piilotetaan "
        "arkaluonteiset tiedot aina."
    ),
    "--new starts a new report; it takes no session.": (
        "valitsin --new aloittaa uuden raportin, joten istuntoa ei anneta sen kanssa."
    ),
    "Leave out one.": "Jätä toinen pois.",
    "there are no sessions to report on.": "raportoitavia istuntoja ei ole.",
    "Start one with `fixit`.": "Aloita istunto komennolla `fixit`.",
    # --- commands/resume_cmd.py
    "the only unfinished session, {}, is open in {}.": (
        "ainoa kesken jäänyt istunto {0} on jo auki muualla ({1})."
    ),
    "Finish or quit it there first, or start a new one with `fixit`.": (
        "Vie se siellä loppuun tai lopeta se ensin, tai aloita uusi komennolla `fixit`."
    ),
    "there is no unfinished session to carry on.": "jatkettavaa kesken jäänyttä istuntoa ei ole.",
    "Start a new one with `fixit`, or list them with `fixit sessions`.": (
        "Aloita uusi komennolla `fixit` tai katso istunnot komennolla `fixit sessions`."
    ),
    "Session {} is already finished.": "Istunto {0} on jo päättynyt.",
    "See it with `fixit report {}`.": "Näet sen komennolla `fixit report {0}`.",
    # --- commands/run.py
    "an interactive prompt is needed, but standard input is not a terminal.": (
        "tässä tarvitaan vuorovaikutteinen kysely, mutta vakiosyöte ei ole pääte."
    ),
    "Run `fixit resume` in a terminal.": "Aja `fixit resume` päätteessä.",
    "Run fixit in a terminal, or give the answers with {}.": (
        "Aja fixit päätteessä tai anna vastaukset komennolla {0}."
    ),
    "There are no trees for this mode.": "Tässä tilassa ei ole käytettävissä vianetsintäpolkuja.",
    "Add trees with --trees DIR or check `fixit trees list`.": (
        "Lisää vianetsintäpolkuja valitsimella --trees DIR tai katso ne komennolla "
        "`fixit trees list`."
    ),
    "no tree given.": "vianetsintäpolkua ei annettu.",
    "Name the tree: `fixit start TREE --answers FILE`.": (
        "Anna vianetsintäpolku: `fixit start TREE --answers FILE`."
    ),
    "tree {} is not meant for {} mode.": "vianetsintäpolkua {0} ei ole tarkoitettu tilaan {1}.",
    "Run it with --{}, or pick another tree.": (
        "Aja se valitsimella --{0} tai valitse toinen vianetsintäpolku."
    ),
    # --- commands/submit_cmd.py
    "no submit target is configured.": "lähetyskohteita ei ole määritetty.",
    "Add one under submit.targets (see `fixit config init`), or save the report with "
    "`fixit report --output FILE` and send it yourself.": (
        "Lisää kohde kohtaan submit.targets (katso `fixit config init`) tai tallenna raportti "
        "komennolla `fixit report --output FILE` ja lähetä se itse."
    ),
    "several submit targets are configured and none is the default.": (
        "lähetyskohteita on määritetty useita, eikä mikään niistä ole oletus."
    ),
    "Choose one with --to ({}) or set submit.default.": (
        "Valitse kohde valitsimella --to ({0}) tai aseta submit.default."
    ),
    "there is no submit target {}.": "lähetyskohdetta {0} ei ole.",
    "sending needs a confirmation, but standard input is not a terminal.": (
        "lähetys pitää vahvistaa, mutta vakiosyöte ei ole pääte."
    ),
    "Check the preview with --dry-run, then send with --yes.": (
        "Tarkista esikatselu valitsimella --dry-run ja lähetä sitten valitsimella --yes."
    ),
    # --- submit/base.py and the hints every target shares
    "The report stays in the outbox; `fixit outbox send` tries again.": (
        "Raportti jää lähteviin, ja komento `fixit outbox send` yrittää lähettää sen uudelleen."
    ),
    "The report stays in the outbox; `fixit outbox send` tries again later.": (
        "Raportti jää lähteviin, ja komento `fixit outbox send` yrittää myöhemmin uudelleen."
    ),
    "The report stays in the outbox; `fixit outbox send` tries again (a retry never makes a "
    "second ticket).": (
        "Raportti jää lähteviin, ja komento `fixit outbox send` yrittää uudelleen (uusi yritys "
        "ei koskaan tee toista tukipyyntöä)."
    ),
    "The report stays in the outbox; `fixit outbox send` checks whether it arrived.": (
        "Raportti jää lähteviin, ja komento `fixit outbox send` tarkistaa, menikö se perille."
    ),
    "Check the target's settings; the report stays in the outbox.": (
        "Tarkista kohteen asetukset; raportti jää lähteviin."
    ),
    # --- submit/http.py: one request and its answer
    "sending to {} took longer than fixit allows for one report.": (
        "lähetys palvelimelle {0} kesti kauemmin kuin fixit sallii yhdelle raportille."
    ),
    "{} did not finish answering within {} s.": (
        "palvelimen {0} vastaus ei tullut kokonaan perille {1} sekunnin kuluessa."
    ),
    "{} redirects to {}; fixit does not follow redirects with a report.": (
        "palvelin {0} ohjaa osoitteeseen {1}, mutta fixit ei seuraa uudelleenohjauksia "
        "raporttia lähettäessään."
    ),
    "Put the final address in the target's url setting.": (
        "Anna kohteen url-asetukseen lopullinen osoite."
    ),
    "Check the network connection; the report stays in the outbox for `fixit outbox send`.": (
        "Tarkista verkkoyhteys; raportti jää lähteviin odottamaan komentoa `fixit outbox send`."
    ),
    "{} answered with more than {} bytes.": "palvelimen {0} vastaus oli yli {1} tavua.",
    "the certificate of {} could not be verified.": (
        "palvelimen {0} varmennetta ei voitu tarkistaa."
    ),
    "Check the target's address; a private certificate authority goes in SSL_CERT_FILE.": (
        "Tarkista kohteen osoite; organisaation oman varmentajan varmenne annetaan muuttujassa "
        "SSL_CERT_FILE."
    ),
    "{} did not answer within {} s.": "palvelin {0} ei vastannut {1} sekunnin kuluessa.",
    "a request to {} cannot be sent: a setting or secret holds characters that HTTP cannot "
    "carry (a line break, or a letter outside Latin-1).": (
        "pyyntöä palvelimelle {0} ei voi lähettää: asetuksessa tai salaisuudessa on merkkejä, "
        "joita HTTP ei välitä (rivinvaihto tai Latin-1:n ulkopuolinen kirjain)."
    ),
    "Check the target's settings and its token or key (a stray newline is common).": (
        "Tarkista kohteen asetukset ja sen tunniste tai avain (ylimääräinen rivinvaihto on "
        "tavallinen syy)."
    ),
    "the connection to {} broke before it answered.": (
        "yhteys palvelimeen {0} katkesi ennen kuin se vastasi."
    ),
    "The ticket may already exist: a retry looks for it before creating another; the report "
    "stays in the outbox for `fixit outbox send`.": (
        "Tukipyyntö on ehkä jo syntynyt: uusi yritys etsii sen ennen kuin luo toisen, ja "
        "raportti jää lähteviin odottamaan komentoa `fixit outbox send`."
    ),
    "could not reach {} ({}).": "palvelimeen {0} ei saatu yhteyttä ({1}).",
    "the request to {} failed ({}).": "pyyntö palvelimelle {0} epäonnistui ({1}).",
    "the request to {} failed unexpectedly ({}).": (
        "pyyntö palvelimelle {0} epäonnistui odottamattomasti ({1})."
    ),
    # why a connection failed (_reason)
    "the name does not resolve": "nimeä ei löydy nimipalvelusta",
    "connection refused": "yhteys torjuttiin",
    "the network is unreachable": "verkkoon ei ole yhteyttä",
    "no route to the host": "palvelimeen ei ole reittiä",
    "the proxy did not pass the request on": "välityspalvelin ei välittänyt pyyntöä",
    # the operating system's reasons for a failed connection (strerror), as in the e-mail target
    "Connection refused": "yhteys torjuttiin",
    "Network is unreachable": "verkkoon ei ole yhteyttä",
    "No route to host": "palvelimeen ei ole reittiä",
    "Connection timed out": "yhteyden muodostus aikakatkaistiin",
    "Connection reset by peer": "toinen osapuoli katkaisi yhteyden",
    # a failed status (http.check): `what` is the step, said as "X epäonnistui"
    "{} refused {} (HTTP {}).": "{1} epäonnistui: palvelin {0} torjui pyynnön (HTTP {2}).",
    "Check the credentials in {}.": "Tarkista tunnistetiedot muuttujassa {0}.",
    "Check the target.": "Tarkista kohteen asetukset.",
    "{} has no such place for {} (404).": (
        "{1} epäonnistui: osoitetta ei löytynyt palvelimelta {0} (404)."
    ),
    "Check the target's url, project or repository settings.": (
        "Tarkista kohteen osoite (url) sekä projekti- tai repositorioasetukset."
    ),
    "{} could not take {} now ({}).": (
        "{1} epäonnistui: palvelin {0} ei pystynyt juuri nyt käsittelemään pyyntöä ({2})."
    ),
    "{} rejected {} (HTTP {}).": "{1} epäonnistui: palvelin {0} hylkäsi pyynnön (HTTP {2}).",
    "{} could not take {} now ({}) and asked to be tried again in {}.": (
        "{1} epäonnistui: palvelin {0} ei pystynyt juuri nyt käsittelemään pyyntöä ({2}) ja "
        "pyysi yrittämään uudelleen {3} kuluttua."
    ),
    "The report stays in the outbox; `fixit outbox send` tries again once that time has come.": (
        "Raportti jää lähteviin. Komento `fixit outbox send` yrittää uudelleen, kun aika on kulunut."
    ),
    # the steps (`what`) of each target
    "the report": "raportin lähetys",
    "the issue list": "tukipyyntölistan haku",
    "the issue search": "tukipyyntöjen haku",
    "the new issue": "tukipyynnön luonti",
    "the request search": "tukipyyntöjen haku",
    "the new request": "tukipyynnön luonti",
    "the attachment list": "liiteluettelon haku",
    "the file upload": "tiedostojen lähetys",
    "the attachments": "liitteiden lisäys",
    "the search for an earlier issue": "aiemman tukipyynnön haku",
    "the upload of {}": "tiedoston {0} lähetys",
    "the issue": "tukipyynnön luonti",
    "the ticket search": "tukipyyntöjen haku",
    "the request list": "tukipyyntölistan haku",
    "the new ticket": "tukipyynnön luonti",
    # --- submit/api.py: tokens, answers, attachments of the help-desk APIs
    "the {} for target '{}' is not set.": "kohteen '{1}' {0} puuttuu.",
    "API token": "API-tunniste",
    "GitHub token": "GitHub-tunniste",
    "signing secret": "allekirjoitusavain",
    "Set {} in the environment or in the credentials file (see `fixit config path`).": (
        "Aseta muuttuja {0} ympäristöön tai tunnistetietotiedostoon (katso `fixit config path`)."
    ),
    "the token for target '{}' contains characters an HTTP header cannot carry.": (
        "kohteen '{0}' tunnisteessa on merkkejä, joita HTTP-otsakkeessa ei voi lähettää."
    ),
    "Check {}: set it again without line breaks or letters outside Latin-1 (a stray newline "
    "from copying is common).": (
        "Tarkista {0}: aseta se uudelleen ilman rivinvaihtoja ja Latin-1:n ulkopuolisia "
        "kirjaimia (kopioidessa mukaan tarttuu helposti ylimääräinen rivinvaihto)."
    ),
    "{} answered in an unexpected way ({}).": (
        "{1} epäonnistui: palvelin {0} vastasi odottamattomalla tavalla."
    ),
    "the attachment {} could not be read ({}).": "liitetiedostoa {0} ei voitu lukea ({1}).",
    "Put the file back, or make the report again without it.": (
        "Palauta tiedosto paikalleen tai tee raportti uudelleen ilman sitä."
    ),
    # --- submit/directory.py
    "the folder {} is not available.": "kansio {0} ei ole käytettävissä.",
    "Check that the shared drive is mounted.": "Tarkista, että verkkolevy on liitetty.",
    "{} exists but is not a complete fixit report.": (
        "{0} on jo olemassa, mutta se ei ole kokonainen fixit-raportti."
    ),
    "Move that folder away, then send again.": "Siirrä kansio pois ja lähetä sitten uudelleen.",
    "target '{}' has formats {}.": "kohteen '{0}' formats-asetus ei kelpaa: {1}.",
    "Use some of {}.": "Käytä yhtä tai useampaa näistä: {0}.",
    "the report id {} cannot name a folder.": (
        "raportin tunnusta {0} ei voi käyttää kansion nimenä."
    ),
    "Make the report again.": "Tee raportti uudelleen.",
    "the report could not be written to {} ({}).": (
        "raporttia ei voitu tallentaa kansioon {0} ({1})."
    ),
    "Ask for write access to the folder, or set another path for the target.": (
        "Pyydä kansioon kirjoitusoikeus tai anna kohteelle toinen polku."
    ),
    # --- submit/email.py
    "target '{}' has security {}.": "kohteen '{0}' security-asetuksen arvo {1} ei kelpaa.",
    "Set security to starttls, tls or none.": (
        "Anna asetukselle security arvo starttls, tls tai none."
    ),
    "target '{}' would send the password to {} unencrypted.": (
        "kohde '{0}' lähettäisi salasanan salaamattomana palvelimelle {1}."
    ),
    "Set security to starttls (port 587) or tls (port 465).": (
        "Anna asetukselle security arvo starttls (portti 587) tai tls (portti 465)."
    ),
    "the SMTP password for target '{}' is not set.": "kohteen '{0}' SMTP-salasana puuttuu.",
    "{} in the environment or in the credentials file (see `fixit config path`).": (
        "{0} ympäristöön tai tunnistetietotiedostoon (katso `fixit config path`)."
    ),
    "Set password_env to a variable name and set it in the environment or in the credentials "
    "file (see `fixit config path`).": (
        "Anna asetukselle password_env muuttujan nimi ja aseta muuttuja ympäristöön tai "
        "tunnistetietotiedostoon (katso `fixit config path`)."
    ),
    "the {} setting {} is not an e-mail address.": (
        "asetuksen {0} arvo {1} ei ole sähköpostiosoite."
    ),
    "Fix the target's settings, for example `to: tuki@example.fi`.": (
        "Korjaa kohteen asetukset, esimerkiksi `to: tuki@example.fi`."
    ),
    "the attachment {} is no longer a file.": "liitetiedosto {0} ei ole enää tavallinen tiedosto.",
    "the attachment {} cannot be read ({}).": "liitetiedostoa {0} ei voi lukea ({1}).",
    "the attachment {} changed after the report was built.": (
        "liitetiedosto {0} on muuttunut raportin tekemisen jälkeen."
    ),
    "Send the report again with `fixit submit` to attach the file as it is now.": (
        "Lähetä raportti uudelleen komennolla `fixit submit`, niin tiedosto liitetään "
        "sellaisena kuin se nyt on."
    ),
    "the mail server {} does not offer STARTTLS.": (
        "sähköpostipalvelin {0} ei tarjoa STARTTLS-salausta."
    ),
    "Check the port (587 for starttls, 465 for tls) with the mail administrator.": (
        "Tarkista portti sähköpostin ylläpitäjältä (starttls: 587, tls: 465)."
    ),
    # --- submit/smtp_errors.py
    "the mail server {} refused the user name or password ({}).": (
        "sähköpostipalvelin {0} hylkäsi käyttäjätunnuksen tai salasanan ({1})."
    ),
    "Check the username setting and the password in {}.": (
        "Tarkista username-asetus ja muuttujassa {0} oleva salasana."
    ),
    "the mail server {} closed the connection.": "sähköpostipalvelin {0} katkaisi yhteyden.",
    "the mail server {} does not offer a login (AUTH) on this connection.": (
        "sähköpostipalvelin {0} ei tarjoa kirjautumista (AUTH) tässä yhteydessä."
    ),
    "Check the port and security settings, or remove the username.": (
        "Tarkista asetukset port ja security tai poista username-asetus."
    ),
    "sending the mail through {} failed ({}).": (
        "viestin lähetys palvelimen {0} kautta epäonnistui ({1})."
    ),
    "the certificate of the mail server {} could not be verified ({}).": (
        "sähköpostipalvelimen {0} varmennetta ei voitu tarkistaa ({1})."
    ),
    "Check the host name; a private certificate authority goes in SSL_CERT_FILE.": (
        "Tarkista palvelimen nimi; organisaation oman varmentajan varmenne annetaan muuttujassa "
        "SSL_CERT_FILE."
    ),
    "the TLS connection to the mail server {} failed ({}).": (
        "TLS-yhteys sähköpostipalvelimeen {0} epäonnistui ({1})."
    ),
    "Check the port and security settings (587 with starttls, 465 with tls).": (
        "Tarkista asetukset port ja security (starttls: 587, tls: 465)."
    ),
    "the mail server {} did not answer within {} s.": (
        "sähköpostipalvelin {0} ei vastannut {1} sekunnin kuluessa."
    ),
    "the mail server name {} could not be resolved.": (
        "sähköpostipalvelimen nimeä {0} ei löytynyt nimipalvelusta."
    ),
    "could not reach the mail server {}:{} ({}).": (
        "sähköpostipalvelimeen {0}:{1} ei saatu yhteyttä ({2})."
    ),
    "the mail server {} {} for now ({} {}).": (
        "sähköpostipalvelin {0} {1} ({2} {3}); virhe on tilapäinen."
    ),
    "the mail server {} {} ({} {}).": "sähköpostipalvelin {0} {1} ({2} {3}).",
    "the mail server {} refused every recipient: {}.": (
        "sähköpostipalvelin {0} hylkäsi kaikki vastaanottajat: {1}."
    ),
    "the mail server {} refused every recipient for now: {}.": (
        "sähköpostipalvelin {0} hylkäsi tilapäisesti kaikki vastaanottajat: {1}."
    ),
    "the mail server {} refused {}, so the report reached only {}.": (
        "sähköpostipalvelin {0} hylkäsi vastaanottajat {1}, joten raportti meni perille vain "
        "osoitteeseen {2}."
    ),
    "the mail server {} refused {} for now, so the report reached only {}.": (
        "sähköpostipalvelin {0} hylkäsi tilapäisesti vastaanottajat {1}, joten raportti meni "
        "perille vain osoitteeseen {2}."
    ),
    "Check the target's to setting with the mail administrator.": (
        "Tarkista kohteen to-asetus yhdessä sähköpostin ylläpitäjän kanssa."
    ),
    "Check the target's to setting; the report stays in the outbox and `fixit outbox send` "
    "sends it to the refused recipients only.": (
        "Tarkista kohteen to-asetus. Raportti jää lähteviin, ja komento `fixit outbox send` "
        "lähettää sen vain hylätyille vastaanottajille."
    ),
    "The report stays in the outbox; `fixit outbox send` sends it to the refused recipients "
    "only.": (
        "Raportti jää lähteviin. Komento `fixit outbox send` lähettää sen vain hylätyille "
        "vastaanottajille."
    ),
    "refused the recipients": "hylkäsi vastaanottajat",
    "refused the sender address": "hylkäsi lähettäjän osoitteen",
    "refused the mail": "hylkäsi viestin",
    "answered with an error": "vastasi virheellä",
    "The server refused the message itself (size or content): ask its administrator.": (
        "Palvelin hylkäsi itse viestin (koko tai sisältö): kysy syytä palvelimen ylläpitäjältä."
    ),
    "Check the target's from and to settings with the mail administrator.": (
        "Tarkista kohteen asetukset from ja to yhdessä sähköpostin ylläpitäjän kanssa."
    ),
    # --- submit/github.py
    "target '{}' has repo {}.": "kohteen '{0}' repo-asetuksen arvo {1} ei kelpaa.",
    "Set repo to owner/name, as in the repository's address.": (
        "Anna asetukselle repo arvo muodossa omistaja/nimi, kuten repositorion osoitteessa."
    ),
    "{} limits the requests of this token for now ({}).": (
        "palvelin {0} rajoittaa tämän tunnisteen pyyntöjä toistaiseksi ({1})."
    ),
    "{} limits the requests of this token for now ({}) and asked to be tried again in {}.": (
        "palvelin {0} rajoittaa tämän tunnisteen pyyntöjä toistaiseksi ({1}) ja pyysi "
        "yrittämään uudelleen {2} kuluttua."
    ),
    # --- submit/jira.py
    "target '{}' has {} {}.": "kohteen '{0}' asetuksen {1} arvo {2} ei kelpaa.",
    "Set {} to the number Jira shows for it.": (
        "Anna asetuksen {0} arvoksi numero, jonka Jira näyttää sille."
    ),
    # --- submit/redmine.py
    "{} rejected {} (HTTP 422: {}).": (
        "{1} epäonnistui: palvelin {0} hylkäsi pyynnön (HTTP 422: {2})."
    ),
    "Check the target's project, tracker_id and priorities settings; the report stays in the "
    "outbox.": (
        "Tarkista kohteen asetukset project, tracker_id ja priorities; raportti jää lähteviin."
    ),
    "{} answered {} without an issue number.": (
        "{1} jäi epävarmaksi: palvelin {0} vastasi ilman tukipyynnön numeroa."
    ),
    "{} did not answer {} as Redmine does.": (
        "{1} epäonnistui: palvelin {0} ei vastannut niin kuin Redmine vastaa."
    ),
    "Check the target's url: it should be the Redmine address without a path.": (
        "Tarkista kohteen url: sen pitää olla Redminen osoite ilman polkua."
    ),
    "the API key for target '{}' is not set.": "kohteen '{0}' API-avain puuttuu.",
    "the API key in {} for target '{}' has characters an HTTP header cannot carry.": (
        "kohteen '{1}' API-avaimessa (muuttuja {0}) on merkkejä, joita HTTP-otsakkeessa ei voi "
        "lähettää."
    ),
    "Copy the key again from Redmine's 'My account' page into {}.": (
        "Kopioi avain uudelleen Redminen sivulta 'My account' (suomeksi 'Oma tili') muuttujaan {0}."
    ),
    "target '{}': priorities.{} must be a Redmine priority id, not {}.": (
        "kohde '{0}': kohdan priorities.{1} arvon on oltava Redminen prioriteetin numero, ei {2}."
    ),
    "Use the numbers Redmine lists under Administration > Enumerations.": (
        "Käytä numeroita, jotka Redmine näyttää kohdassa Administration > Enumerations "
        "(suomeksi Ylläpito > Lista)."
    ),
    # --- submit/webhook.py
    "the header {} of target '{}' {}.": "kohteen '{1}' otsake {0} {2}.",
    "is not a valid header name": "ei ole kelvollinen otsakkeen nimi",
    "is set by fixit itself": "on fixitin itse asettama",
    "has a line break, control or non-ASCII character in its value": (
        "sisältää arvossaan rivinvaihdon, ohjausmerkin tai muun kuin ASCII-merkin"
    ),
    "Fix the target's headers setting (secrets go in token_env).": (
        "Korjaa kohteen headers-asetus (salaisuudet kuuluvat asetukseen token_env)."
    ),
    # --- submit/zendesk.py
    "target '{}' has api {}.": "kohteen '{0}' api-asetuksen arvo {1} ei kelpaa.",
    "Set api to tickets (an agent's token) or requests (an end user's).": (
        "Anna asetukselle api arvo tickets (tukihenkilön tunniste) tai requests "
        "(loppukäyttäjän tunniste)."
    ),
    "{} is still creating the ticket.": "palvelin {0} on vielä luomassa tukipyyntöä.",
    # --- submit/outbox.py and outbox_check.py
    "cannot open the lock file {}: {}.": "lukitustiedostoa {0} ei voi avata: {1}.",
    "Remove it (it must be a plain file, not a link) and try again.": (
        "Poista se (sen pitää olla tavallinen tiedosto, ei linkki) ja yritä uudelleen."
    ),
    "{} is being sent by another fixit right now.": (
        "toinen fixit lähettää raporttia {0} parhaillaan."
    ),
    "Wait for it to finish, then check with `fixit outbox list`.": (
        "Odota, että se valmistuu, ja tarkista sitten tilanne komennolla `fixit outbox list`."
    ),
    "cannot write the report to the outbox ({}): {}.": (
        "raporttia ei voi tallentaa lähteviin ({0}): {1}."
    ),
    "cannot move {} to {}: {}.": "raporttia {0} ei voi siirtää kansioon {1}: {2}.",
    "Check the disk and the state folder (`fixit config path` names it), then try again.": (
        "Tarkista levy ja tilatietokansio (`fixit config path` kertoo sen sijainnin) ja yritä "
        "sitten uudelleen."
    ),
    "cannot read the attached file {}: {}.": "liitetiedostoa {0} ei voi lukea: {1}.",
    "the attached file {} is not a regular file any more.": (
        "liitetiedosto {0} ei ole enää tavallinen tiedosto."
    ),
    "the attached file {} changed after the preview.": (
        "liitetiedosto {0} on muuttunut esikatselun jälkeen."
    ),
    "Look at the preview again (`fixit submit --dry-run`), then send.": (
        "Katso esikatselu uudelleen (`fixit submit --dry-run`) ja lähetä sitten."
    ),
    # why an outbox item cannot be read (fixit outbox list shows it)
    "item.json is missing": "item.json puuttuu",
    "item.json is missing (kept aside: {})": "item.json puuttuu (talteen siirretyt: {0})",
    "item.json cannot be read ({})": "tiedostoa item.json ei voi lukea ({0})",
    "{}; kept aside as {}": "{0}; tiedosto siirrettiin talteen nimellä {1}",
    "item.json is not an object": "item.json ei ole JSON-objekti",
    "item.json has no valid {}": "tiedostosta item.json puuttuu kelvollinen {0}",
    "item.json has an unknown status": "tiedostossa item.json on tuntematon tila",
    # --- submit/registry.py: target settings in the configuration
    "{}.type must be one of {}, not {}": (
        "kohdan {0}.type arvon on oltava jokin näistä: {1}, ei {2}"
    ),
    "{}.{} is not a setting of a {} target ({})": (
        "{0}.{1}: {2}-kohteella ei ole tällaista asetusta (asetukset: {3})"
    ),
    "{} needs {}": "kohdasta {0} puuttuu avain {1}",
    "{} cannot hold a password in the configuration (user:password@)": (
        "{0}: salasanaa ei saa kirjoittaa asetustiedostoon (user:password@)"
    ),
    "{} cannot hold a secret in the configuration (its query parameter {})": (
        "{0}: salaisuutta ei saa kirjoittaa asetustiedostoon (kyselyparametri {1})"
    ),
    "{}.{} cannot hold a secret in the configuration": "{0}.{1}: salaisuutta ei saa kirjoittaa asetustiedostoon",
    "{}, put the secret in an environment variable or in the credentials file (see "
    "`fixit config path`), and give the variable's name in {}.": (
        "{0}, laita salaisuus ympäristömuuttujaan tai tunnistetietotiedostoon (katso "
        "`fixit config path`) ja anna muuttujan nimi avaimessa {1}."
    ),
    "Remove it from the URL": "Poista se osoitteesta",
    "Remove {}= from the URL": "Poista {0}= osoitteesta",
    "Remove the header": "Poista otsake",
    "token_env (sent as Authorization: Bearer) or hmac_secret_env (signs the body)": (
        "token_env (lähetetään Authorization: Bearer -otsakkeessa) tai hmac_secret_env "
        "(allekirjoittaa sisällön)"
    ),
    "{}.path must be a full path to a folder, not the relative {}": (
        "kohdan {0}.path arvon on oltava kansion koko polku, ei suhteellinen polku {1}"
    ),
    "Give the folder from the root, e.g. /srv/share/tickets or ~/tickets.": (
        "Anna kansio juuresta alkaen, esim. /srv/share/tickets tai ~/tickets."
    ),
    "{}.formats[{}] is {}, which a directory target cannot write": (
        "kohdan {0}.formats[{1}] arvo {2} ei käy: directory-kohde ei osaa kirjoittaa tätä muotoa"
    ),
    "List only formats from {}.": "Käytä vain näitä muotoja: {0}.",
}
