"""Finnish for fixit's own errors outside submit/ and commands/: configuration, sessions,
storage, answer files, trees, diagnostics, reports, prompts.

Keys are the English templates exactly as the code writes them, `{}` for each value (see
i18n/errors.py); values say the same in Finnish, `{0}`, `{1}`… for the values in any order.
"""

MESSAGES: dict[str, str] = {
    # __main__.py: the error boundary
    "Run `fixit --help` or `fixit COMMAND --help`.": (
        "Katso ohje komennolla `fixit --help` tai `fixit COMMAND --help`."
    ),
    "fixit stopped unexpectedly ({}).": "fixit pysähtyi odottamatta ({0}).",
    "Please send the crash log to the fixit developers: {}": (
        "Lähetä kaatumisloki fixitin kehittäjille: {0}"
    ),
    "(the crash log could not be written)": "(kaatumislokia ei voitu tallentaa)",
    # cli.py
    "{} {} is not a language fixit speaks.": "{0} {1}: fixit ei osaa tätä kieltä.",
    "Use {} en or {} fi.": "Käytä muotoa {0} en tai {1} fi.",
    "Set FIXIT_LANG=en or fi.": "Aseta FIXIT_LANG=en tai fi.",
    "--agent and --self cannot be used together.": (
        "valitsimia --agent ja --self ei voi käyttää yhdessä."
    ),
    "Choose one of them.": "Valitse niistä vain toinen.",
    # config.py: the files
    "the configuration file {} does not exist.": "asetustiedostoa {0} ei ole olemassa.",
    "the configuration file {} is a folder, not a file.": (
        "asetustiedosto {0} on kansio eikä tiedosto."
    ),
    "the configuration file {} is not a regular file.": (
        "asetustiedosto {0} ei ole tavallinen tiedosto."
    ),
    "Give the path of a YAML file with --config or FIXIT_CONFIG, e.g. {}.": (
        "Anna YAML-tiedoston polku valitsimella --config tai muuttujalla FIXIT_CONFIG, esim. {0}."
    ),
    "Check the path given with --config or FIXIT_CONFIG.": (
        "Tarkista polku, jonka annoit valitsimella --config tai muuttujalla FIXIT_CONFIG."
    ),
    "Fix the configuration file and try again.": "Korjaa asetustiedosto ja yritä uudelleen.",
    "Fix the configuration file (see `fixit config init` for an example).": (
        "Korjaa asetustiedosto (mallin saat komennolla `fixit config init`)."
    ),
    "the configuration has {} problems:": "asetuksissa on {0} virhettä:",
    # access.py: a file or folder this user may not read (configuration, credentials, trees)
    "cannot read {} ({}): permission denied (owner {}, mode {}).": (
        "{0} ({1}) ei ole luettavissa: sinulla ei ole lukuoikeutta (omistaja {2}, oikeudet {3})."
    ),
    "cannot open {} ({}): permission denied (owner {}, mode {}).": (
        "{0} ({1}) ei aukea: sinulla ei ole siihen käyttöoikeutta (omistaja {2}, oikeudet {3})."
    ),
    "cannot open the folder {}, so {} ({}) cannot be read: permission denied (owner {}, "
    "mode {}).": (
        "kansio {0} ei aukea, joten {1} ({2}) ei ole luettavissa: sinulla ei ole kansioon "
        "käyttöoikeutta (omistaja {3}, oikeudet {4})."
    ),
    "cannot read {} ({}): {}.": "{0} ({1}) ei ole luettavissa: {2}.",
    "Check the permissions of the folder and the file.": (
        "Tarkista kansion ja tiedoston käyttöoikeudet."
    ),
    "Give yourself access with `chmod u+rwX {}`.": (
        "Anna itsellesi käyttöoikeus komennolla `chmod u+rwX {0}`."
    ),
    "Make it yours again with `sudo chown -R {} {}` (running fixit with sudo leaves files "
    "of root's behind).": (
        "Ota se takaisin omaksesi komennolla `sudo chown -R {0} {1}` (kun fixit ajetaan "
        "sudolla, jälkeen jää rootin omistamia tiedostoja)."
    ),
    "Make it yours again with `sudo chown -R {} {}`.": (
        "Ota se takaisin omaksesi komennolla `sudo chown -R {0} {1}`."
    ),
    "Ask your administrator to let you read it, for example `sudo chmod a+rX {}`.": (
        "Pyydä ylläpitäjää antamaan sinulle lukuoikeus, esimerkiksi komennolla "
        "`sudo chmod a+rX {0}`."
    ),
    "Check the file and the folders above it.": "Tarkista tiedosto ja sen yläpuoliset kansiot.",
    "the organisation's configuration file": "organisaation asetustiedosto",
    "the organisation's configuration folder": "organisaation asetuskansio",
    "your configuration file": "oma asetustiedostosi",
    "your configuration folder": "oma asetuskansiosi",
    "the configuration file": "asetustiedosto",
    "the folder of the configuration file": "asetustiedoston kansio",
    "the shipped tree folder": "fixitin mukana tulleiden vianetsintäpolkujen kansio",
    "the organisation's tree folder": "organisaation vianetsintäpolkujen kansio",
    "a tree folder named in the configuration": "asetuksissa nimetty vianetsintäpolkujen kansio",
    "your tree folder": "omien vianetsintäpolkujesi kansio",
    "the tree folder": "vianetsintäpolkujen kansio",
    "your credentials file": "oma tunnistetietotiedostosi",
    "the answer file": "vastaustiedosto",
    "the folder of the answer file": "vastaustiedoston kansio",
    # config.py: keys and values
    "the configuration must be a mapping": (
        "asetustiedoston ylimmällä tasolla on oltava avain–arvo-pareja"
    ),
    "unknown key {} (known: {})": "tuntematon avain {0} (sallitut: {1})",
    "unknown key defaults.{} (mode, lang)": "tuntematon avain defaults.{0} (sallitut: mode, lang)",
    "defaults.{} must be {}": "kohdan defaults.{0} arvon on oltava {1}",
    "self or agent": "self tai agent",
    "en or fi": "en tai fi",
    "trees must be a list of folders": "kohdan trees arvon on oltava luettelo kansioista",
    "a tree folder must be text": "trees-luettelon kohdan on oltava kansion polku tekstinä",
    "a tree folder": "vianetsintäpolkujen kansio",
    "{} must be {}, not {}.": "muuttujan {0} arvon on oltava {1}, ei {2}.",
    "Set {}, or unset it.": "Aseta {0}, tai poista muuttuja.",
    "FIXIT_LANG=en or FIXIT_LANG=fi": "FIXIT_LANG=en tai FIXIT_LANG=fi",
    "FIXIT_MODE=self or FIXIT_MODE=agent": "FIXIT_MODE=self tai FIXIT_MODE=agent",
    "{} names {}, which is not a submit target ({}).": "{0}: lähetyskohdetta {1} ei ole ({2}).",
    "none is configured": "yhtään kohdetta ei ole määritetty",
    "Set FIXIT_SUBMIT_TO to one of the targets, or unset it.": (
        "Aseta muuttujaan FIXIT_SUBMIT_TO jonkin kohteen nimi tai poista muuttuja."
    ),
    "Name one of the targets under submit.targets.": (
        "Anna jonkin kohdassa submit.targets määritetyn kohteen nimi."
    ),
    # config_sections.py
    "{} must be text": "kohdan {0} arvon on oltava tekstiä",
    "{} must be a mapping": "kohdan {0} alla on oltava avain–arvo-pareja",
    "submit.targets (target name -> settings)": "submit.targets (kohteen nimi -> asetukset)",
    "{} (a type and its settings)": "{0} (tyyppi ja sen asetukset)",
    "unknown key support.{} ({})": "tuntematon avain support.{0} (sallitut: {1})",
    "support.{}: {}": "support.{0}: {1}",
    "support.email must be one e-mail address, like tuki@example.fi": (
        "kohdan support.email arvon on oltava yksi sähköpostiosoite, esim. tuki@example.fi"
    ),
    "Write the address where support reads its mail.": "Kirjoita osoite, jota tuki lukee.",
    "support.phone must be a phone number: at least {} digits, and only digits, spaces and "
    "+ ( ) - . /": (
        "kohdan support.phone arvon on oltava puhelinnumero: vähintään {0} numeroa, ja vain "
        "numeroita, välilyöntejä ja merkkejä + ( ) - . /"
    ),
    'Write the number users call, in quotes, like "+358 10 123 4567".': (
        'Kirjoita numero, johon käyttäjät soittavat, lainausmerkkeihin, esim. "+358 10 123 4567".'
    ),
    "unknown check {} (known: {})": "tuntematon tarkistus {0} (tunnetut: {1})",
    "checks.{} must be a mapping of settings": (
        "kohdan checks.{0} alla on oltava asetuksia muodossa avain: arvo"
    ),
    "unknown key submit.{} ({})": "tuntematon avain submit.{0} (sallitut: {1})",
    "{}: a target name is letters, digits, - and _ (64 at most)": (
        "{0}: kohteen nimessä saa olla vain kirjaimia, numeroita, - ja _ (enintään 64 merkkiä)"
    ),
    "{} needs a type ({})": "kohdasta {0} puuttuu avain type (vaihtoehdot: {1})",
    "{}.{} cannot hold a secret in the configuration": (
        "{0}.{1}: salaisuutta ei saa kirjoittaa asetustiedostoon"
    ),
    "{}.{} must be the name of an environment variable, not the secret itself": (
        "kohdan {0}.{1} arvon on oltava ympäristömuuttujan nimi eikä itse salaisuus"
    ),
    "Put the secret in an environment variable or in the credentials file (see `fixit config "
    "path`), and give the variable's name in {}_env.": (
        "Laita salaisuus ympäristömuuttujaan tai tunnistetietotiedostoon (katso `fixit config "
        "path`) ja anna muuttujan nimi avaimessa {0}_env."
    ),
    # params.py: check and target settings
    "checks.{}.{} is not a setting of {} (settings: {})": (
        "checks.{0}.{1}: tarkistuksella {2} ei ole tällaista asetusta (asetukset: {3})"
    ),
    "{} must be a URL, not {}": "kohdan {0} arvon on oltava URL-osoite (nyt tyyppiä {1})",
    "{} must be an http:// or https:// URL with a host, not {}": (
        "kohdan {0} arvon on oltava http:// tai https:// -osoite, jossa on palvelimen nimi, ei {1}"
    ),
    "{} has a bad port: {}": "kohdan {0} osoitteessa on virheellinen portti: {1}",
    "{} must be a number": "kohdan {0} arvon on oltava luku",
    "{} must be a number, not {}": "kohdan {0} arvon on oltava luku, ei {1}",
    "{} must be at least {}": "kohdan {0} arvon on oltava vähintään {1}",
    "{} must be at most {}": "kohdan {0} arvon on oltava enintään {1}",
    "{} must be a non-empty list": "kohdan {0} arvon on oltava luettelo, joka ei ole tyhjä",
    "{} must be true or false": "kohdan {0} arvon on oltava true tai false",
    "{} must be a list of text": "kohdan {0} arvon on oltava luettelo tekstejä",
    "{} must be a mapping of names to values": (
        "kohdan {0} alla on oltava nimiä ja niiden arvoja (nimi: arvo)"
    ),
    "{}.{} must be a single value": "kohdassa {0}.{1} saa olla vain yksi arvo",
    "{}: unknown parameter kind {}": "{0}: tuntematon asetuksen tyyppi {1}",
    # report/redact.py, report/render.py
    "redaction must be a mapping of kind to action": (
        "kohdan redaction alla on oltava tietolajeja ja toimintoja (laji: toiminto)"
    ),
    "redaction.{} is not a kind (kinds: {})": (
        "redaction.{0} ei ole tunnettu tietolaji (lajit: {1})"
    ),
    "redaction.{} must be one of {}": "kohdan redaction.{0} arvon on oltava jokin näistä: {1}",
    "there is no report format {}": "raporttimuotoa {0} ei ole",
    # support_hours.py (shown after "support.hours: " or "support.timezone: ")
    "the opening hours are empty; write them like {}": (
        "aukioloajat puuttuvat; kirjoita ne muodossa {0}"
    ),
    "{} ends before it starts (a range cannot pass midnight)": (
        "{0} päättyy ennen kuin alkaa (aikaväli ei voi jatkua yli puolenyön)"
    ),
    "{} is not a day (use Mon Tue Wed Thu Fri Sat Sun, or ma ti ke to pe la su)": (
        "{0} ei ole viikonpäivä (käytä lyhenteitä ma ti ke to pe la su tai Mon Tue Wed Thu Fri "
        "Sat Sun)"
    ),
    "{} is not a day or a range of days like Mon-Fri": (
        "{0} ei ole viikonpäivä eikä päiväväli (esim. ma-pe)"
    ),
    "{} is not a day range with times; write it like {}": (
        "{0} ei ole päiväväli kellonaikoineen; kirjoita se muodossa {1}"
    ),
    "{} is not a time of day": "{0} ei ole kellonaika",
    "{} is not a time zone (use a name like Europe/Helsinki)": (
        "{0} ei ole aikavyöhyke (käytä nimeä kuten Europe/Helsinki)"
    ),
    "{} needs opening times like 09:00-16:00": (
        "{0}: aukioloajat puuttuvat tai ovat väärin (esim. 09:00-16:00)"
    ),
    # credentials.py
    "{} is not a regular file.": "{0} ei ole tavallinen tiedosto.",
    "Replace it with a plain file (a link or a folder is not accepted for secrets).": (
        "Korvaa se tavallisella tiedostolla (salaisuuksille ei kelpaa linkki eikä kansio)."
    ),
    "{} belongs to another user (uid {}).": "{0} kuuluu toiselle käyttäjälle (uid {1}).",
    "Make a credentials file of your own, or run `chown {} {}`.": (
        "Tee oma tunnistetietotiedosto tai anna komento `chown {0} {1}`."
    ),
    "{} can be {} by other users (mode {}).": (
        "muut käyttäjät pääsevät tiedostoon {0} ({1}, oikeudet {2})."
    ),
    "{} can be read by other users (mode {}).": (
        "muut käyttäjät voivat lukea tiedostoa {0} (oikeudet {1})."
    ),
    "{} can be changed by other users (mode {}).": (
        "muut käyttäjät voivat muuttaa tiedostoa {0} (oikeudet {1})."
    ),
    "Run `chmod 600 {}`.": "Anna komento `chmod 600 {0}`.",
    "cannot read {}: {}.": "tiedostoa {0} ei voi lukea: {1}.",
    "Check the file and its folder.": "Tarkista tiedosto ja kansio, jossa se on.",
    "Fix the credentials file and try again.": "Korjaa tunnistetietotiedosto ja yritä uudelleen.",
    "the credentials file must map names to values.": (
        "tunnistetietotiedostossa on oltava nimiä ja niiden arvoja."
    ),
    "Write one `NAME: value` line for each secret, e.g. `REDMINE_API_KEY: ...`.": (
        "Kirjoita jokainen salaisuus omalle rivilleen muodossa `NAME: value`, "
        "esim. `REDMINE_API_KEY: ...`."
    ),
    "{} must be a single value.": "kohdassa {0} saa olla vain yksi arvo.",
    "Write it as `{}: value` on one line (quote it if it has special characters).": (
        "Kirjoita se yhdelle riville muodossa `{0}: value` (lainausmerkkeihin, jos siinä on "
        "erikoismerkkejä)."
    ),
    # storage.py
    "cannot {} {}: {}.": "{1}: toiminto epäonnistui ({0}): {2}.",
    "cannot write {}: {}.": "tiedostoon {0} ei voi kirjoittaa: {1}.",
    "cannot create the folder {}: {}.": "kansiota {0} ei voi luoda: {1}.",
    "cannot open {}: {}.": "tiedostoa {0} ei voi avata: {1}.",
    "cannot save to {}: {}.": "tiedostoon {0} ei voi tallentaa: {1}.",
    "Free some disk space, then run the command again.": (
        "Vapauta levytilaa ja anna komento uudelleen."
    ),
    "Set FIXIT_HOME to a folder you can write to, or fix the folder's permissions.": (
        "Aseta FIXIT_HOME osoittamaan kansioon, johon voit kirjoittaa, tai korjaa kansion oikeudet."
    ),
    "Check the folder and the disk, then run the command again.": (
        "Tarkista kansio ja levy ja anna komento uudelleen."
    ),
    "Choose a place you can write to with --output.": (
        "Valitse valitsimella --output paikka, johon voit kirjoittaa."
    ),
    "{} is not a folder.": "{0} ei ole kansio.",
    "Move it away and run the command again.": "Siirrä se pois tieltä ja anna komento uudelleen.",
    "{} is a folder.": "{0} on kansio.",
    "Give a file name inside it instead.": "Anna sen sijaan tiedostonimi kansion sisältä.",
    "Remove the link and run the command again.": "Poista linkki ja anna komento uudelleen.",
    # the operating system's reasons (strerror), shown inside the messages above
    "Permission denied": "ei käyttöoikeutta",
    "Operation not permitted": "toiminto ei ole sallittu",
    "No space left on device": "levy on täynnä",
    "Disk quota exceeded": "levykiintiö on täynnä",
    "Read-only file system": "levy on vain luku -tilassa",
    "No such file or directory": "tiedostoa tai kansiota ei ole",
    "Is a directory": "kohde on kansio",
    "Not a directory": "polun osa ei ole kansio",
    "File exists": "tiedosto on jo olemassa",
    "File name too long": "tiedostonimi on liian pitkä",
    "Too many levels of symbolic links": "liian monta symbolista linkkiä peräkkäin",
    "Input/output error": "levyn luku- tai kirjoitusvirhe",
    # sessions.py
    "session {} is open in {}.": "istunto {0} on jo auki toisaalla ({1}).",
    "another fixit": "toinen fixit",
    "process {} on {}": "prosessi {0} koneella {1}",
    "process {} on this computer": "prosessi {0} tällä koneella",
    "Finish or quit it there first, or pick another session.": (
        "Vie se siellä loppuun tai lopeta se ensin, tai valitse toinen istunto."
    ),
    "{} is not a session id.": "{0} ei ole istunnon tunnus.",
    "there is no session {}.": "istuntoa {0} ei ole.",
    "{} matches {} sessions.": "tunnuksen alku {0} sopii useaan istuntoon ({1}).",
    "Run `fixit sessions` to see them.": "Näet istunnot komennolla `fixit sessions`.",
    "Give more of the id.": "Anna tunnuksesta pidempi osa.",
    # answers.py and wizard.py: answer files
    "Fix the answer file and run it again.": "Korjaa vastaustiedosto ja aja komento uudelleen.",
    "Fix the answer file; SPEC §4 describes its format.": (
        "Korjaa vastaustiedosto; sen muoto kuvataan kohdassa SPEC §4."
    ),
    "the answer file must be a mapping": "vastaustiedostossa on oltava avain–arvo-pareja",
    "unknown key {}": "tuntematon avain {0}",
    "mode must be self or agent": "kohdan mode arvon on oltava self tai agent",
    "answer to {} must be text": "solmun {0} vastauksen on oltava tekstiä",
    "check {} must be text": "tarkistuksen {0} tuloksen on oltava tekstiä",
    "check {} must be one of {}": "tarkistuksen {0} tuloksen on oltava jokin näistä: {1}",
    "unknown caller key {}": "tuntematon soittajan tieto {0}",
    "caller {} must be text": "soittajan tiedon {0} on oltava tekstiä",
    "notes must be a list": "kohdan notes arvon on oltava luettelo",
    "a note must be text": "muistiinpanon on oltava tekstiä",
    "the answer file has no answer for node {}.": (
        "vastaustiedostossa ei ole vastausta solmuun {0}."
    ),
    "Add `{}: ...` under `answers:` in {}.": (
        "Lisää rivi `{0}: ...` kohtaan `answers:` tiedostossa {1}."
    ),
    "{} is not a choice of node {} ({}).": "{0} ei ole solmun {1} vaihtoehto (vaihtoehdot: {2}).",
    "node {} is a step; answer solved or unsolved, not {}.": (
        "solmu {0} on vaihe, joten vastaus on solved tai unsolved, ei {1}."
    ),
    "node {} is a check; answer pass, warn, fail, error or fallback, not {}.": (
        "solmu {0} on tarkistus, joten vastaus on pass, warn, fail, error tai fallback, ei {1}."
    ),
    "the answer for node {} does not fit: {}": "vastaus solmuun {0} ei kelpaa: {1}",
    "Fix the answer for {} in {}.": "Korjaa solmun {0} vastaus tiedostossa {1}.",
    "the answer file has no answer for node {}, and the check {} could not tell ({}).": (
        "vastaustiedostossa ei ole vastausta solmuun {0}, eikä tarkistuksen {1} tulos ({2}) "
        "kerro vastausta."
    ),
    "tree {} has no node {}; did you mean {}?": (
        "vianetsintäpolulla {0} ei ole solmua {1}. Tarkoititko {2}?"
    ),
    "tree {} has no node {}": "vianetsintäpolulla {0} ei ole solmua {1}",
    # trees/testing.py: why a tree test case failed (`fixit trees test`)
    "outcome {}, expected {}": "lopputulos {0}, odotettiin {1}",
    "path {}, expected {}": "polku {0}, odotettiin {1}",
    "field {} = {}, expected {}": "kenttä {0} = {1}, odotettiin {2}",
    "no answer for {} and no result for its check {}": (
        "kohtaan {0} ei ole vastausta eikä sen tarkistukselle {1} tulosta"
    ),
    "answers, checks and expect must be mappings": (
        "answers, checks ja expect on annettava avain–arvo-pareina"
    ),
    "{} is neither a check nor a node of tree {}; did you mean {}?": (
        "{0} ei ole tarkistus eikä vianetsintäpolun {1} solmu. Tarkoititko {2}?"
    ),
    "{} is neither a check nor a node of tree {}": (
        "{0} ei ole tarkistus eikä vianetsintäpolun {1} solmu"
    ),
    "the answer file has {} problems:": "vastaustiedostossa on {0} virhettä:",
    "Fix the names in the answer file: a node of a sub-tree is SUBTREE_ID/NODE_ID "
    "(`fixit trees show TREE` lists the nodes).": (
        "Korjaa nimet vastaustiedostossa. Alipolun solmu kirjoitetaan muodossa "
        "ALIPOLUN_ID/SOLMUN_ID (komento `fixit trees show PUU` näyttää solmut)."
    ),
    # engine.py: answers replayed over a tree (tree tests, resumed sessions)
    "answer {} is for {}, but the walk is at {}": (
        "vastaus {0} on solmuun {1}, mutta vuorossa on solmu {2}"
    ),
    "the answers loop for more than {} steps": (
        "vastaukset kiertävät silmukkaa (yli {0} vaihetta)"
    ),
    "the session is at {}, not {}": "istunto on solmussa {0} eikä solmussa {1}",
    "the session is at 'its end', not {}": "istunto on jo lopussa eikä solmussa {0}",
    "{} ({}) takes no answer": "solmuun {0} ({1}) ei vastata",
    "{} is a step: answer solved or unsolved": "{0} on vaihe: vastaus on solved tai unsolved",
    "{} is not a check status": "{0} ei ole tarkistuksen tila",
    "{} is not a choice of {}": "{0} ei ole solmun {1} vaihtoehto",
    "{} needs an answer": "solmuun {0} on vastattava",
    # prompts/scripted.py: scripted replies (tests and demos)
    "no scripted reply left for: {}": "valmiit vastaukset loppuivat kohdassa: {0}",
    "{} is not an option of {}: {}": "{0} ei ole kysymyksen {1} vaihtoehto: {2}",
    "{} was refused: {}": "vastaus {0} hylättiin: {1}",
    # trees/library.py, trees/testing.py
    "there is no tree {}.": "vianetsintäpolkua {0} ei ole.",
    "Fix {} (check it with `fixit trees validate`), or move it away to use the tree of the same id it hides, {}.": (
        "Korjaa {0} (tarkista se komennolla `fixit trees validate`) tai siirrä se pois, niin "
        "käyttöön tulee sen peittämä polku, jolla on sama tunnus: {1}."
    ),
    "there are no tree files in {}.": "kansiossa {0} ei ole yhtään vianetsintäpolun tiedostoa.",
    "Tree files end in .yaml or .yml (not .test.yaml): check the path.": (
        "Vianetsintäpolkujen tiedostonimet päättyvät .yaml tai .yml (ei .test.yaml): tarkista polku."
    ),
    "Run `fixit trees list` to see the trees (known: {}).": (
        "Näet vianetsintäpolut komennolla `fixit trees list` (tunnetut: {0})."
    ),
    "Run `fixit trees list` to see the trees (known: none).": (
        "Näet vianetsintäpolut komennolla `fixit trees list` (yhtään ei löytynyt)."
    ),
    "tree {} does not validate:\n{}": "vianetsintäpolku {0} ei läpäise tarkistusta:\n{1}",
    "tree {} does not validate:": "vianetsintäpolku {0} ei läpäise tarkistusta:",
    "Fix the tree file, then check it with `fixit trees validate`.": (
        "Korjaa polkutiedosto ja tarkista se komennolla `fixit trees validate`."
    ),
    "Fix the test file.": "Korjaa testitiedosto.",
    "See SPEC §3, tree tests.": "Katso SPEC §3, polkujen testit.",
    "{}:1:1: a test file is a list of cases": (
        "{0}:1:1: testitiedoston on oltava luettelo testitapauksista"
    ),
    "a test file is a list of cases": "testitiedoston on oltava luettelo testitapauksista",
    # trees/schema.py, trees/reader.py, trees/validate.py: a tree file's problems (the lines
    # under "tree … does not validate:"); "what" names the place: "node 'x' text" and the like
    "the tree": "polkutiedosto",
    "the tree must be a mapping": "polkutiedostossa on oltava avain–arvo-pareja",
    "unknown key {} in the tree": "tuntematon avain {0} polkutiedoston ylätasolla",
    "node {}": "solmu {0}",
    "node {} {}": "{1} (solmu {0})",
    "choice id in node {}": "vaihtoehdon id (solmu {0})",
    "choice label in node {}": "vaihtoehdon label (solmu {0})",
    "choice goto in node {}": "vaihtoehdon goto (solmu {0})",
    "a choice of node {} must be a mapping": "solmun {0} vaihtoehdossa on oltava avain–arvo-pareja",
    "unknown key {} in a choice of node {}": "tuntematon avain {0} solmun {1} vaihtoehdossa",
    "unknown key {} in node {}": "tuntematon avain {0} solmussa {1}",
    "unknown key {} in node {} {}": "tuntematon avain {0} kohdassa {2} (solmu {1})",
    "unknown key {} in {}": "tuntematon avain {0} kohdassa {1}",
    "node {} must be a mapping": "solmussa {0} on oltava avain–arvo-pareja",
    "{} must be a list": "kohdan {0} arvon on oltava luettelo",
    "{} {} is not a valid id (letters, digits, - and _)": (
        "kohdan {0} arvo {1} ei kelpaa tunnukseksi (vain kirjaimia, numeroita, - ja _)"
    ),
    "{} must be one of {}, not {}": "kohdan {0} arvon on oltava jokin näistä: {1}, ei {2}",
    "{} in {} is not a language code (quote a text that contains a comma or a colon)": (
        "{0} kohdassa {1} ei ole kielikoodi (laita pilkun tai kaksoispisteen sisältävä teksti "
        "lainausmerkkeihin)"
    ),
    "{} must be text or a mapping of language code to text": (
        "kohdan {0} arvon on oltava tekstiä tai kielikoodeja ja tekstejä (kieli: teksti)"
    ),
    "{} ({}) is over {} characters": "kohdan {0} teksti ({1}) on yli {2} merkkiä pitkä",
    "missing required key {}": "pakollinen avain {0} puuttuu",
    "format must be {} (this fixit reads tree format 1)": (
        "kohdan format arvon on oltava {0} (tämä fixit lukee polkumuotoa 1)"
    ),
    "id {} differs from the file name {}": "tunnus {0} ei vastaa tiedostonimeä {1}",
    "version must be a whole number": "kohdan version arvon on oltava kokonaisluku",
    "nodes must be a non-empty mapping of node id to node": (
        "kohdan nodes alla on oltava vähintään yksi solmu (solmun tunnus: solmu)"
    ),
    "node id {} is not valid (letters, digits, - and _)": (
        "solmun tunnus {0} ei kelpaa (vain kirjaimia, numeroita, - ja _)"
    ),
    "field {} is collected twice (first at line {})": (
        "kenttä {0} kerätään kahdesti (ensimmäinen rivillä {1})"
    ),
    "node {} has no 'kind' ({})": "solmulta {0} puuttuu 'kind' ({1})",
    "node {} ({}) is missing {}": "solmulta {0} ({1}) puuttuu {2}",
    "node {}: 'check' and 'detect' go together on a question": (
        "solmu {0}: kysymyksessä 'check' ja 'detect' tarvitaan aina yhdessä"
    ),
    "node {} detect {}: {} is not a choice of this question": (
        "solmu {0}, detect {1}: {2} ei ole tämän kysymyksen vaihtoehto"
    ),
    "node {}: 'retry' needs 'verify'": "solmu {0}: 'retry' vaatii myös avaimen 'verify'",
    "node {} retry {} must be a whole number from {} to {}": (
        "solmun {0} retry {1}: arvon on oltava kokonaisluku väliltä {2}–{3}"
    ),
    "node {} is a choice input and needs 'choices'": (
        "solmu {0} on valintakenttä, joten se tarvitsee avaimen 'choices'"
    ),
    "node {}: 'choices' is only for type choice": (
        "solmu {0}: 'choices' kuuluu vain tyypille choice"
    ),
    "node {} label ({}) is over {} characters: a label is a short name, the question goes in 'text'": (
        "solmun {0} nimike ({1}) on yli {2} merkkiä pitkä: nimike on lyhyt nimi, kysymys kuuluu "
        "kohtaan 'text'"
    ),
    "node {}: {} is only for input nodes, not {}": (
        "solmu {0}: {1} kuuluu vain input-solmuille, ei {2}-solmuille"
    ),
    "node {}: 'prefill' is for typed answers, not choices": (
        "solmu {0}: 'prefill' sopii vain kirjoitettaviin vastauksiin, ei valintoihin"
    ),
    "unknown check {} in {}": "tuntematon tarkistus {0} kohdassa {1}",
    "node {} choices must be a non-empty list": (
        "solmun {0} kohdan choices on oltava luettelo, jossa on vähintään yksi vaihtoehto"
    ),
    "a choice of node {} is missing {}": "solmun {0} vaihtoehdosta puuttuu {1}",
    "duplicate choice id {} in node {} (first at line {})": (
        "vaihtoehdon tunnus {0} on solmussa {1} kahdesti (ensimmäinen rivillä {2})"
    ),
    "{} must route at least one of {}": (
        "kohdan {0} on ohjattava eteenpäin ainakin yksi näistä: {1}"
    ),
    "start node {} does not exist": "aloitussolmua {0} ei ole",
    "node {} goes to {}, which does not exist": "solmu {0} ohjaa solmuun {1}, jota ei ole",
    "{} has no {} translation (the tree uses {})": (
        "kohdasta {0} puuttuu käännös: {1} (polun kielet: {2})"
    ),
    "{} uses {{{}}}, but no input node collects that field": (
        "kohta {0} käyttää kenttää {{{1}}}, mutta mikään input-solmu ei kerää sitä"
    ),
    "node {} is unreachable from the start": "solmuun {0} ei pääse alusta",
    "node {} is in a loop with no way out to an end node": (
        "solmu {0} on silmukassa, josta ei pääse mihinkään loppusolmuun"
    ),
    "node {} is a dead end but not an end node": "solmu {0} on umpikuja eikä loppusolmu",
    "node {} runs tree {}, which is not loaded": (
        "solmu {0} käynnistää polun {1}, jota ei ole ladattu"
    ),
    "trees run each other in a cycle: {}": "polut käynnistävät toisiaan kehässä: {0}",
    # trees/yamlsafe.py: reading any fixit YAML file (configuration, answers, credentials, trees)
    "cannot read the file: {}": "tiedostoa ei voi lukea: {0}",
    "cannot read the file: permission denied for the folder {} (owner {}, mode {})": (
        "tiedostoa ei voi lukea: sinulla ei ole käyttöoikeutta kansioon {0} (omistaja {1}, "
        "oikeudet {2})"
    ),
    "cannot read the file: permission denied (owner {}, mode {})": (
        "tiedostoa ei voi lukea: sinulla ei ole lukuoikeutta (omistaja {0}, oikeudet {1})"
    ),
    "not a regular file": "ei ole tavallinen tiedosto",
    "the file is {} bytes; the limit is {}": "tiedostossa on {0} tavua; enimmäiskoko on {1}",
    "the file is over the limit of {} bytes": "tiedosto ylittää enimmäiskoon ({0} tavua)",
    "the file is not valid UTF-8": "tiedosto ei ole kelvollista UTF-8-tekstiä",
    "the file contains a NUL byte": "tiedostossa on NUL-tavu",
    "the file contains a control character ({}), which YAML does not allow": (
        "tiedostossa on ohjausmerkki ({0}), jota YAML ei salli"
    ),
    "the document is too large": "tiedosto on liian suuri",
    "aliases (*name) are not allowed in fixit files": (
        "aliaksia (*name) ei sallita fixitin tiedostoissa"
    ),
    "anchors (&name) are not allowed in fixit files": (
        "ankkureita (&name) ei sallita fixitin tiedostoissa"
    ),
    "tags ({}) are not allowed in fixit files": "YAML-tageja ({0}) ei sallita fixitin tiedostoissa",
    "only one YAML document is allowed per file": "tiedostossa saa olla vain yksi YAML-dokumentti",
    "nesting deeper than {} levels": "sisäkkäisiä tasoja on yli {0}",
    "the file is empty": "tiedosto on tyhjä",
    "a key must be plain text": "avaimen on oltava pelkkää tekstiä",
    "a key must be one line of visible text, not {}": "avaimen on oltava yksi rivi näkyvää tekstiä, ei {0}",
    "duplicate key {} (first at line {})": "avain {0} on kahdesti (ensimmäinen rivillä {1})",
    "unsupported YAML node": "YAML-rakennetta ei tueta",
    "YAML syntax: {}": "YAML-syntaksivirhe: {0}",
    "cannot parse YAML: {}": "YAML-tiedostoa ei voi jäsentää: {0}",
    # PyYAML's own problems, shown after "YAML syntax: "
    "mapping values are not allowed in this context": (
        "avain–arvo-pari ei kelpaa tähän kohtaan (puuttuvatko lainausmerkit?)"
    ),
    "mapping values are not allowed here": (
        "avain–arvo-pari ei kelpaa tähän kohtaan (puuttuvatko lainausmerkit?)"
    ),
    "block sequence entries are not allowed in this context": (
        "luettelon kohta (-) ei kelpaa tähän kohtaan"
    ),
    "did not find expected key": "odotettua avainta ei löytynyt (tarkista sisennys)",
    "did not find expected node content": "odotettu arvo puuttuu",
    "did not find expected '-' indicator": "odotettiin luettelon kohtaa (-) (tarkista sisennys)",
    "did not find expected ',' or ']'": "odotettiin merkkiä ',' tai ']'",
    "did not find expected ',' or '}}'": "odotettiin merkkiä ',' tai '}}'",
    "could not find expected ':'": "kaksoispiste (:) puuttuu",
    "found character that cannot start any token": (
        "tässä on merkki, joka ei kelpaa YAMLiin (esim. sarkain; käytä välilyöntejä)"
    ),
    "found unexpected end of stream": (
        "tiedosto loppui kesken (puuttuuko lopettava lainausmerkki?)"
    ),
    "found unknown escape character": "tuntematon kenoviivamerkintä (\\)",
    # diagnostics: why a check could not run (shown by `fixit diagnose` and in reports)
    "the check runs on {}, not on {}": (
        "tarkistus toimii vain järjestelmissä {0}, ei järjestelmässä {1}"
    ),
    "checks.{}.enabled is false": "checks.{0}.enabled on false",
    "timed out": "aikakatkaisu",
    "not forced": "vastaustiedosto ei anna tulosta",
    "urls is empty": "urls on tyhjä",
    "checks.service.url.url is not set": "checks.service.url.url puuttuu asetuksista",
    "psutil.sensors_battery() found no battery": "psutil.sensors_battery() ei löytänyt akkua",
    "no battery sensor here: {}": "akun anturia ei ole: {0}",
    "psutil is not available: {}": "psutil ei ole käytettävissä: {0}",
    "no local file systems left after leaving out pseudo, network and snap mounts": (
        "paikallisia tiedostojärjestelmiä ei jäänyt, kun näennäis-, verkko- ja "
        "snap-liitokset jätettiin pois"
    ),
    "no way to find web browsers on {}": "selaimia ei osata etsiä järjestelmässä {0}",
    "no way to list display connectors on {}": (
        "näyttöliitäntöjä ei osata luetella järjestelmässä {0}"
    ),
    "the system lists no display connectors on {} (a virtual machine, a container or a "
    "headless server?)": (
        "järjestelmä {0} ei kerro yhtään näyttöliitäntää (virtuaalikone, kontti tai "
        "palvelin ilman näyttöä?)"
    ),
    "no route reader for {}": "reittitaulua ei osata lukea järjestelmässä {0}",
    "no process could be read (skipped: {})": (
        "yhdenkään prosessin tietoja ei voitu lukea (ohitettu: {0})"
    ),
    "{} is not written for the platform {}": "tarkistusta {0} ei ole tehty järjestelmälle {1}",
    "names is empty": "names on tyhjä",
    "total memory reads as 0": "muistin kokonaismääräksi luetaan 0",
    "{} sent {}": "{0} lähetti vastauksen, jossa oli {1}",
    "{} sent no Date header": "{0} ei lähettänyt Date-otsaketta",
    "{} sent an unreadable Date header: {}": "{0} lähetti Date-otsakkeen, jota ei voi lukea: {1}",
    "not Windows": "ei Windows",
    "CGGetOnlineDisplayList failed": "CGGetOnlineDisplayList epäonnistui",
    "headers unfinished at the deadline": "otsakkeet eivät tulleet perille määräajassa",
    # diagnostics/probeerror.py: a network failure in words (a check's reason is the English;
    # the Finnish here is the same as the checks' own Finnish summaries)
    "the name {} does not resolve": "nimeä {0} ei löydy",
    "the DNS server does not answer for {}": "nimipalvelin ei vastaa (haettiin nimeä {0})",
    "no answer from {} in time": "{0} ei vastannut ajoissa",
    "{} accepted the connection but did not answer in time": (
        "{0} otti yhteyden vastaan, mutta ei vastannut ajoissa"
    ),
    "{} refused the connection": "{0} torjui yhteyden",
    "no route to {}: the network may be down": (
        "palvelimeen {0} ei ole reittiä: verkko voi olla poikki"
    ),
    "TLS failed with {}: certificate verify failed ({})": "palvelimen {0} varmenne ei kelpaa ({1})",
    "TLS failed with {}: {}": "suojattu yhteys palvelimeen {0} epäonnistui: {1}",
    "{} closed the connection without answering": "{0} katkaisi yhteyden vastaamatta",
    "{} did not answer in HTTP ({})": "{0} ei vastannut HTTP:llä ({1})",
    "the proxy {} cannot be reached": "välityspalvelimeen {0} ei saada yhteyttä",
    "the proxy {} did not let the connection through ({})": (
        "välityspalvelin {0} ei päästänyt yhteyttä läpi ({1})"
    ),
    "the proxy {} asks for a user name and password": (
        "välityspalvelin {0} vaatii käyttäjätunnuksen ja salasanan"
    ),
    "the proxy {} gave no usable answer": "välityspalvelimelta {0} ei tullut kelvollista vastausta",
    "could not reach {}: {}": "palvelimeen {0} ei saatu yhteyttä: {1}",
    # sessions.py: amend_meta
    "session {} cannot be changed ({}).": "istuntoa {0} ei voi muuttaa ({1}).",
    "Check the session's folder {}.": "Tarkista istunnon kansio {0}.",
    "Finish or quit it there first, then run the command again.": (
        "Vie istunto siellä loppuun tai lopeta se ensin, ja anna sitten komento uudelleen."
    ),
    # storage.py: write_output into a pipe
    "nothing is reading the pipe {}.": "putkea {0} ei lue mikään ohjelma.",
    "Start the program that reads it first, or write to a file.": (
        "Käynnistä ensin ohjelma, joka lukee putkea, tai kirjoita tiedostoon."
    ),
    # permissions.py: fixit's own folders and files (docs/state.md)
    "{} is a symbolic link; fixit will not follow it.": (
        "{0} on symbolinen linkki; fixit ei seuraa sitä."
    ),
    "{} belongs to another user (uid {}); fixit will not use it.": (
        "{0} kuuluu toiselle käyttäjälle (uid {1}); fixit ei käytä sitä."
    ),
    "Run fixit as the user who owns it, or set FIXIT_HOME to a folder of your own.": (
        "Käytä fixitiä sen omistajan tunnuksella tai aseta FIXIT_HOME osoittamaan omaan kansioosi."
    ),
    "{} can be changed by other users ({}) and fixit cannot make it private: {}.": (
        "muut käyttäjät voivat muuttaa kohdetta {0} ({1}), eikä fixit pysty rajaamaan sitä "
        "vain sinun käyttöösi: {2}."
    ),
    "Make it private with `chmod go-rwx` on it, or set FIXIT_HOME to a folder of your own.": (
        "Rajaa se vain omaan käyttöösi komennolla `chmod go-rwx` tai aseta FIXIT_HOME "
        "osoittamaan omaan kansioosi."
    ),
    "{} was open to other users ({}); fixit made it private ({}).": (
        "{0} oli muiden käyttäjien käytettävissä ({1}); fixit rajasi sen vain sinun käyttöösi "
        "({2})."
    ),
    "{} is open to other users ({}) and fixit cannot make it private.": (
        "{0} on muiden käyttäjien käytettävissä ({1}), eikä fixit pysty rajaamaan sitä vain "
        "sinun käyttöösi."
    ),
    # sessions.py, session_read.py: a session that cannot be used
    "cannot create a new session folder in {}.": "kansioon {0} ei voi luoda uutta istuntoa.",
    "Run the command again in a moment.": "Anna komento uudelleen hetken päästä.",
    "session {} is damaged: {}.": "istunto {0} on vioittunut: {1}.",
    "session {}: line {} of the journal was damaged; the original is kept as {}.": (
        "istunto {0}: lokin rivi {1} oli vioittunut; alkuperäinen on tallessa nimellä {2}."
    ),
    "session {}: line {} of the journal is damaged and was skipped; "
    "the journal is left as it is.": (
        "istunto {0}: lokin rivi {1} on vioittunut, joten se ohitettiin; lokiin ei koskettu."
    ),
    "Nothing in it was changed: its files are kept in {} (answers in its journal: {}); "
    "start a new session with `fixit start`.": (
        "Siihen ei koskettu: sen tiedostot ovat tallessa kansiossa {0} (vastauksia lokissa: "
        "{1}); aloita uusi istunto komennolla `fixit start`."
    ),
    "session {} is damaged ({}); fixit uses {}, the newest session that can be read.": (
        "istunto {0} on vioittunut ({1}); fixit käyttää istuntoa {2}, joka on uusin luettavissa "
        "oleva."
    ),
    "it cannot be used": "sitä ei voi käyttää",
    "meta.json is not a JSON object": "meta.json ei ole JSON-olio",
    "meta.json belongs to another session": "meta.json kuuluu toiselle istunnolle",
    "meta.json is missing": "meta.json puuttuu",
    "meta.json is not valid JSON": "meta.json ei ole kelvollista JSONia",
    "meta.json cannot be read": "meta.json-tiedostoa ei voi lukea",
    "trees.json is missing": "trees.json puuttuu",
    "trees.json is not valid JSON": "trees.json ei ole kelvollista JSONia",
    "trees.json cannot be read": "trees.json-tiedostoa ei voi lukea",
    "trees.json is not a tree snapshot": "trees.json ei ole kelvollinen kopio vianetsintäpoluista",
    "its tree snapshot does not hold the session's tree": (
        "istunnon oma vianetsintäpolku puuttuu sen tallennetuista poluista"
    ),
    "meta.json has no valid 'id'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'id'"),
    "meta.json has no valid 'tree'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'tree'"),
    "meta.json has no valid 'status'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'status'"
    ),
    "meta.json has no valid 'started'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'started'"
    ),
    "meta.json has no valid 'mode'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'mode'"),
    "meta.json has no valid 'outcome'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'outcome'"
    ),
    "meta.json has no valid 'lang'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'lang'"),
    "meta.json has no valid 'case'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'case'"),
    "meta.json has no valid 'checks'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'checks'"
    ),
    "meta.json has no valid 'digest'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'digest'"
    ),
    "meta.json has no valid 'version'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'version'"
    ),
    "meta.json has no valid 'title'": ("meta.json-tiedostossa ei ole kelvollista kenttää 'title'"),
    "meta.json has no valid 'attachments'": (
        "meta.json-tiedostossa ei ole kelvollista kenttää 'attachments'"
    ),
}
