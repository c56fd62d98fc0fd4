"""Word lists and name patterns shared by the attribution rules (cue phrases, speakers, names)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_WINDOW = 160  # characters searched after a quote for its cue
_BEFORE_WINDOW = 100  # characters searched before a quote for its cue
_SPAN = 200  # characters read around a verb for its speaker
_MAX_CLAUSE = 1500  # longest reported clause of an indirect quote (characters)
_HISTORY = 50  # earlier speakers searched for a pronoun's antecedent
_MAX_SPEAKER_WORDS = 9


_PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "neuter", "we": "plural",
             "i": "unknown"}
_DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "many", "other",
                "another", "this", "that", "these", "those", "his", "her", "their", "its", "our",
                "both", "most", "top", "senior", "former", "chief", "deputy", "unnamed",
                "anonymous", "local", "foreign", "state", "federal", "national", "government",
                "administration", "of", "for", "and", "to", "with", "on", "in", "familiar", "matter",
                "military", "intelligence", "defense", "security", "trade", "high-ranking",
                "senior-level", "white", "house", "ministry", "department", "new", "second", "third",
                "fourth", "fifth"}
#: lower-case particles inside a name ("Dennis van Roekel", "Bill de Blasio", "Ursula von der Leyen")
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le",
                             "bin", "al", "ter"})
# role noun (singular or plural, lower case) -> role category
_ROLE_NOUNS = {
    "official": "official", "officials": "official", "officer": "official",
    "officers": "official", "authorities": "official", "administration": "official",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "spokespeople": "spokesperson", "speaker": "spokesperson", "representative": "spokesperson",
    "minister": "minister", "secretary": "minister", "diplomat": "diplomat",
    "diplomats": "diplomat", "ambassador": "diplomat", "envoy": "diplomat",
    "analyst": "analyst", "analysts": "analyst", "expert": "expert", "experts": "expert",
    "economist": "expert", "economists": "expert", "scholar": "expert", "researcher": "expert",
    "researchers": "expert", "professor": "expert", "source": "source", "sources": "source",
    "people": "source", "person": "source", "aide": "official", "aides": "official",
    "adviser": "official", "advisers": "official", "advisor": "official",
    "resident": "citizen", "residents": "citizen", "citizen": "citizen",
    "citizens": "citizen", "witness": "citizen", "witnesses": "citizen", "voter": "citizen",
    "voters": "citizen", "critic": "critic", "critics": "critic", "observer": "analyst",
    "observers": "analyst", "lawmaker": "lawmaker", "lawmakers": "lawmaker",
    "senator": "lawmaker", "congressman": "lawmaker", "congresswoman": "lawmaker",
    "leader": "leader", "leaders": "leader", "president": "head_of_state",
    "prosecutor": "official", "prosecutors": "official", "lawyer": "lawyer",
    "lawyers": "lawyer", "attorney": "lawyer", "police": "official", "statement": "statement",
    "report": "statement", "analysis": "statement", "study": "statement", "survey": "statement",
    "campaign": "organization", "group": "organization", "committee": "organization",
    "governor": "official", "mayor": "official", "sheriff": "official", "judge": "official",
    "chairman": "official", "chairwoman": "official", "whistleblower": "source", "whistleblowers": "source",
    "presidency": "official", "complainant": "citizen",
    # people quoted as members of a group ("Workers said", "a nurse told"): a plural opening a sentence
    # is capitalised, and is no name
    **{w: "citizen" for w in """worker workers protester protesters demonstrator demonstrators activist
       activists student students parent parents teacher teachers nurse nurses farmer farmers immigrant
       immigrants migrant migrants refugee refugees locals villager villagers survivor survivors victims
       families relatives neighbor neighbors neighbour neighbours shopper shoppers consumer consumers
       customer customers fans participants employee employees supporters advocate advocates organizer
       organizers""".split()},
    **{w: "expert" for w in "doctor doctors physician physicians scientist scientists".split()},
    **{w: "official" for w in """investigator investigators soldiers troops firefighters commissioner director
       administrator superintendent inspector ranger coroner trooper""".split()},
    "opponents": "critic", "attorneys": "lawyer", "legislators": "lawmaker", "senators": "lawmaker",
}
_PLURAL_ROLES = {w for w in _ROLE_NOUNS if w.endswith(("s", "people")) and w not in
                 {"witness", "analysis", "campaign", "authorities"}} | {"people", "police", "authorities"}
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "president", "secretary", "minister", "senator", "sen",
           "rep", "gov", "governor", "gen", "general", "deputy", "foreign", "prime", "vice",
           "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "state", "of",
           "us", "u.s", "chinese", "russian", "ambassador", "director", "chief", "judge", "justice",
           "the", "former", "leader", "house", "speaker", "senate", "majority", "minority", "treasury"}
_ORG_WORDS = {"department", "ministry", "committee", "party", "council", "commission", "university",
              "institute", "agency", "bank", "company", "inc", "corp", "group", "foundation",
              "campaign", "office", "senate", "house", "congress", "court", "government",
              "administration", "army", "police", "union", "association", "embassy", "board",
              "center", "centre", "fund", "organization", "organisation", "coalition", "network",
              "service", "federation", "democrats", "republicans", "gop", "pentagon", "kremlin", "limited",
              "ltd", "llc", "co", "co.", "enforcement"}
_MEDIA_WORDS = {"times", "news", "post", "journal", "tribune", "press", "herald", "tv", "radio",
                "newspaper", "magazine", "gazette", "telegraph", "guardian", "reuters", "agency",
                "associated", "broadcasting", "daily", "cnn", "bbc", "nbc", "abc", "cbs", "fox", "wire",
                "images", "shutterstock", "getty"}
_DEMONYMS = {"us": "US", "u.s.": "US", "american": "US", "americans": "US", "chinese": "China",
             "russian": "Russia", "russians": "Russia", "ukrainian": "Ukraine",
             "ukrainians": "Ukraine", "european": "EU", "british": "UK", "taiwanese": "Taiwan",
             "japanese": "Japan", "western": "West", "israeli": "Israel", "palestinian": "Palestine",
             "iranian": "Iran", "indian": "India", "german": "Germany", "french": "France",
             "israelis": "Israel", "palestinians": "Palestine", "iranians": "Iran",
             "iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria", "afghan": "Afghanistan",
             "afghans": "Afghanistan", "pakistani": "Pakistan", "pakistanis": "Pakistan", "saudi": "Saudi Arabia",
             "saudis": "Saudi Arabia", "turkish": "Turkey", "egyptian": "Egypt", "egyptians": "Egypt",
             "mexican": "Mexico", "mexicans": "Mexico", "canadian": "Canada", "canadians": "Canada",
             "brazilian": "Brazil", "venezuelan": "Venezuela", "cuban": "Cuba", "italian": "Italy",
             "italians": "Italy", "hungarian": "Hungary", "britons": "UK", "australian": "Australia",
             "australians": "Australia", "spanish": "Spain", "polish": "Poland", "dutch": "Netherlands",
             "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland",
             "greek": "Greece", "irish": "Ireland", "portuguese": "Portugal", "austrian": "Austria",
             "belgian": "Belgium", "swiss": "Switzerland", "czech": "Czech Republic", "romanian": "Romania",
             "nigerian": "Nigeria", "kenyan": "Kenya", "ethiopian": "Ethiopia", "colombian": "Colombia",
             "argentine": "Argentina", "chilean": "Chile", "peruvian": "Peru", "filipino": "Philippines",
             "indonesian": "Indonesia", "malaysian": "Malaysia", "thai": "Thailand", "vietnamese": "Vietnam",
             "qatari": "Qatar", "emirati": "United Arab Emirates", "jordanian": "Jordan", "lebanese": "Lebanon",
             "libyan": "Libya", "yemeni": "Yemen", "belarusian": "Belarus", "armenian": "Armenia",
             "serbian": "Serbia", "lithuanian": "Lithuania", "estonian": "Estonia", "latvian": "Latvia"}
_SENTENCE_ADVERBS = {"but", "and", "so", "then", "also", "still", "however", "yet", "now", "later",
                     "meanwhile", "instead", "earlier", "previously"}
_NOT_NAMES = frozenset("""The A An But And In On At It He She They This That These Those When After
    Before As If For While Asked Updated According Speaking Meanwhile However Still Earlier Later
    Last Next Then Also Now During Since Despite Although Though With Without Under Over From By
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Democrats Republicans Democratic Republican
    House Senate White State States United New Read Watch Click Photo Video Related Of To Is Was
    Not No So Or We You I His Her Their Our My What Who Why How Where There Here Let Please Yes
    God Today Tonight First Last Both Many Some All Every Even Just Only Perhaps Indeed Instead Yet
    Story Stories Continued Below Get Sign Subscribe Advertisement Toward Towards Among Amid Amidst
    Across Against Along Around Behind Beyond Following Including Inside Outside Like Unlike Until
    Upon Within Throughout Through Via Whether Because Once Maybe Sometimes Often Never Always Well Oh
    Thanks Hide Caption Photos""".split())
# capitalised word sequences (the first may be a title such as "Mr." or "Senator");
# starting with a character class lets the engine skip to the next capital quickly
# (possessive quantifiers: the same matches, since no run can give back a character the next
# element could use, but the engine does not try to)
# (the words of a name are separated by spaces, never by a line break: "Discrimination Suits" as a
# heading above "Ginsburg said" is no name)
# (and a word may have a second capital: "McCain", "DeVos", "LaHood")
# (letters with diacritics count: "Peña Nieto", "Erdoğan", "Arłukowicz"; Latin-1 and Latin Extended-A)
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_NAME = re.compile(rf"[{_UPPER}][{_LOWER}]++(?:[A-Z][{_LOWER}]++)?+(?:[-'’][A-Z]?[{_LOWER}]++)?+\.?+"
                   rf"(?:[^\S\n]++(?:[A-Z]\.[^\S\n]++)?+[{_UPPER}][{_LOWER}]++(?:[A-Z][{_LOWER}]++)?+"
                   rf"(?:[-'’][A-Z]?[{_LOWER}]++)?+){{0,3}}")
_PLACE_WORDS = {  # heads of capitalised names that are no person (not "Hall", "Bill", "Park")
    "street", "avenue", "county", "city", "island", "islands", "river", "sea", "ocean", "mountain",
    "mountains", "valley", "bay", "square", "revolution", "war", "week", "month", "year", "hospital",
    "school", "college", "church", "airport", "station", "hotel",
    # nor bodies, programmes, states or regions ("Hamilton Project", "Air Force", "Saudi Arabia", "West African")
    "project", "initiative", "program", "programme", "force", "forces", "alliance", "movement", "republic",
    "kingdom", "emirates", "arabia", "korea", "club", "society", "corps", "command", "bureau", "act",
    "summit", "museum", "library", "african", "asian", "arab"}
#: US states (not those that are also first names: "Georgia", "Virginia", nor "Washington"): a place
_US_STATES = frozenset("""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
    Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee
    Texas Utah Vermont Wisconsin Wyoming""".split()) | {
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Rhode Island",
    "South Carolina", "South Dakota", "West Virginia", "Middle East"}
_SHORT_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Gov", "Rep", "Gen", "Prof", "Sgt", "Lt", "Col"}
_LONG_TITLES = {"President", "Senator", "Governor", "Secretary", "Sheriff", "Representative",
                "Speaker", "Mayor", "Judge", "Justice", "Chancellor", "Minister", "Ambassador",
                "Chairman", "Leader"}
_CONTINUE_LEMMAS = {"add", "continue", "reiterate", "repeat"}
_AUX_WORDS = {"has", "had", "have", "also", "later", "then", "previously", "once", "again", "would",
              "will", "recently", "further", "publicly", "repeatedly", "earlier", "long", "first",
              "often", "never", "not"}
_AUX = r"(?:(?:" + "|".join(sorted(_AUX_WORDS)) + r")\s+){0,2}"
#: a party and state tag after a legislator's name, in the common styles: "(R-Ore.)", "(D-N.Y.)",
#: "(I-Vt)", "(D., N.Y.)", "(R., Texas)", "(Dem-Calif.)": never part of the name, never a speaker
_PARTY_TAG = r"\((?:[DRI]|Dem|Rep|Ind)\.?(?:-|,[^\S\n]?)[A-Za-z. ]{1,16}\)"
#: days of the week and month names that are no first names: a date is never a speaker
_DATE_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
    september october november december""".split())
_THAT = re.compile(r"((?:\s+[\w’'-]+){0,3}?)\s+that\s+")
_SUBJECT_PRONOUNS = {"He", "She", "They", "We", "he", "she", "they", "we"}
_AFTER_CONTINUED = re.compile(r"[\s,.;:—–-]{0,4}(?P<np>(?:[^\s“”\"«»,;:!?()]+\s+){0,3}?"
                              r"[^\s“”\"«»,;:!?()]+)\s+(?P<verb>continued|went\s+on)\s*[.,;]")
_OBJECT_VERBS = {"tell", "warn", "assure", "remind", "inform", "reassure", "promise", "caution",
                 "advise", "urge", "accuse"}


#: Frequent unambiguous English first names by sex, after the frequency lists of the 1990 US
#: census (U.S. Census Bureau, "Frequently Occurring Surnames and First Names", public domain);
#: names given to both sexes (Jordan, Taylor, Kelly, Leslie, Robin, Dana, ...) are left out.
#: A named speaker whose first name is listed is no antecedent of a pronoun of the other sex.
_MALE_NAMES = frozenset("""James John Robert Michael William David Richard Charles Joseph Thomas
    Christopher Daniel Paul Mark Donald George Kenneth Steven Edward Brian Ronald Anthony Kevin
    Jason Matthew Gary Timothy Larry Jeffrey Frank Scott Eric Stephen Andrew Raymond Gregory
    Joshua Jerry Dennis Walter Patrick Peter Harold Douglas Henry Carl Arthur Ryan Roger Joe Juan
    Jack Albert Jonathan Justin Terry Gerald Keith Samuel Willie Ralph Lawrence Nicholas Roy
    Benjamin Bruce Brandon Adam Harry Fred Wayne Billy Steve Louis Jeremy Aaron Randy Howard
    Eugene Carlos Russell Bobby Victor Martin Ernest Phillip Todd Jesse Craig Alan Shawn Clarence
    Sean Philip Chris Johnny Earl Jimmy Antonio Danny Bryan Tony Luis Mike Stanley Leonard Nathan
    Dale Manuel Rodney Curtis Norman Allen Marvin Vincent Glenn Jeffery Travis Jeff Chad Jacob Lee
    Melvin Alfred Kyle Francis Bradley Jesus Herbert Frederick Ray Joel Edwin Don Eddie Ricky Troy
    Randall Barry Alexander Bernard Mario Leroy Francisco Marcus Micheal Theodore Clifford Miguel
    Oscar Jay Jim Tom Calvin Alex Jon Ronnie Bill Lloyd Tommy Leon Derek Warren Darrell Jerome
    Floyd Leo Alvin Tim Wesley Gordon Dean Greg Jorge Dustin Pedro Derrick Dan Lewis Zachary Corey
    Herman Maurice Vernon Roberto Clyde Glen Hector Shane Ricardo Sam Rick Lester Brent Ramon
    Charlie Tyler Gilbert Gene Marc Reginald Ruben Brett Angel Nathaniel Rafael Leslie Edgar Milton
    Raul Ben Chester Cecil Duane Franklin Andre Elmer Brad Gabriel Ron Mitchell Roland Arnold Harvey
    Jared Adrian Karl Cory Claude Erik Darryl Jamie Neil Jessie Christian Javier Fernando Clinton
    Ted Mathew Tyrone Darren Lonnie Lance Cody Julio Kelly Kurt Allan Nelson Guy Clayton Hugh Max
    Dwayne Dwight Armando Felix Jimmie Everett Jordan Ian Wallace Ken Bob Jaime Casey Alfredo
    Alberto Dave Ivan Johnnie Sidney Byron Julian Isaac Morris Clifton Willard Daryl Ross Virgil
    Andy Marshall Salvador Perry Kirk Sergio Marion Tracy Seth Kent Terrance Rene Eduardo Terrence
    Enrique Freddie Wade Mitch Newt Rand Rudy Barack Bernie Elijah Chuck Beto Pete Mitt
    Vladimir Emmanuel Boris Recep Narendra Shinzo Jair Olaf Rishi Keir Volodymyr Devin Jared
    Reince Rex Rod Merrick Brett Sonny Wilbur Lamar Orrin Rob Dick Jeb Marco Hakeem Jerrold Tucker
    Rush Hunter Beau Bret Wolf Jake Lester Piers Geraldo Lou Mick""".split())
_FEMALE_NAMES = frozenset("""Mary Patricia Linda Barbara Elizabeth Jennifer Maria Susan Margaret
    Dorothy Lisa Nancy Karen Betty Helen Sandra Donna Carol Ruth Sharon Michelle Laura Sarah
    Kimberly Deborah Jessica Shirley Cynthia Angela Melissa Brenda Amy Anna Rebecca Virginia
    Kathleen Pamela Martha Debra Amanda Stephanie Carolyn Christine Marie Janet Catherine Frances
    Ann Joyce Diane Alice Julie Heather Teresa Doris Gloria Evelyn Jean Cheryl Mildred Katherine
    Joan Ashley Judith Rose Janice Kelly Nicole Judy Christina Kathy Theresa Beverly Denise Tammy
    Irene Jane Lori Rachel Marilyn Andrea Kathryn Louise Sara Anne Jacqueline Wanda Bonnie Julia
    Ruby Lois Tina Phyllis Norma Paula Diana Annie Lillian Emily Robin Peggy Crystal Gladys Rita
    Dawn Connie Florence Tracy Edna Tiffany Carmen Rosa Cindy Grace Wendy Victoria Edith Kim
    Sherry Sylvia Josephine Thelma Shannon Sheila Ethel Ellen Elaine Marjorie Carrie Charlotte
    Monica Esther Pauline Emma Juanita Anita Rhonda Hazel Amber Eva Debbie April Leslie Clara
    Lucille Jamie Joanne Eleanor Valerie Danielle Megan Alicia Suzanne Michele Gail Bertha Darlene
    Veronica Jill Erin Geraldine Lauren Cathy Joann Lorraine Lynn Sally Regina Erica Beatrice
    Dolores Bernice Audrey Yvonne Annette June Samantha Marion Dana Stacy Ana Renee Ida Vivian
    Roberta Holly Brittany Melanie Loretta Yolanda Jeanette Laurie Katie Kristen Vanessa Alma Sue
    Elsie Beth Jeanne Vicki Carla Tara Rosemary Eileen Terri Gertrude Lucy Tonya Ella Stacey
    Wilma Gina Kristin Jessie Natalie Agnes Vera Willie Charlene Bessie Delores Melinda Pearl
    Arlene Maureen Colleen Allison Tamara Joy Georgia Constance Lillie Claudia Jackie Marcia Tanya
    Nellie Minnie Marlene Heidi Glenda Lydia Viola Courtney Marian Stella Caroline Dora Jo Vickie
    Mattie Terry Maxine Irma Mabel Marsha Myrtle Lena Christy Deanna Patsy Hilda Gwendolyn Jennie
    Nora Margie Nina Cassandra Leah Penny Kay Priscilla Naomi Carole Brandy Olga Billie Dianne
    Tracey Leona Jenny Felicia Sonia Miriam Velma Becky Bobbie Violet Kristina Toni Misty Mae
    Shelly Daisy Ramona Sherri Erika Katrina Claire Hillary Nikki Kamala Elizabeth Kirsten Kellyanne
    Sarah Huma Ivanka Melania Michelle Condoleezza Nikki Stacey Alexandria Ilhan Rashida Ayanna
    Dianne Kirstjen Betsy Elaine Gina Tulsi Amy Kristi Marsha Susan Lisa Theresa Angela Ursula
    Christine Nancy Jacinda Theresa Kristalina Meredith Megyn Savannah Chelsea Abigail Madeleine
    Sheryl Brooke Kate Jenna Liz Meg Maggie Molly Olivia Sophia Hannah Haley Kayla Zoe Greta Kristi
    Tammy Debbie Jeanne Maxine Nydia Elena Ileana Kyrsten Joni Shelley Gretchen Jeanine Elise Mazie
    Cheri Deb Madison Ashley Brittany Kaitlan Katy Mika Norah Hoda Robin Andrea Mia Ella Ava""".split())
_EITHER = _MALE_NAMES & _FEMALE_NAMES | {"Leslie", "Jamie", "Kelly", "Jordan", "Casey", "Tracy", "Terry",
                                         "Willie", "Marion", "Jessie", "Kim", "Lee", "Dana", "Robin"}
_MALE_NAMES = _MALE_NAMES - _EITHER
_FEMALE_NAMES = _FEMALE_NAMES - _EITHER

#: Entries per memo (speaker words and phrases, suffix cues, descriptions, surnames) before it is
#: emptied: small enough that a streaming run's memory stops growing after a few thousand
#: articles, large enough to hold the phrases that recur in every article.
_MEMO_LIMIT = 20_000


def _person_like(parts: list[str]) -> bool:
    """Whether capitalised words can name a person ("National Security Agency", "American Revolution" cannot)."""
    for p in parts:
        low = p.casefold()
        if low in _ORG_WORDS or low in _MEDIA_WORDS or low in _DEMONYMS or low in _PLACE_WORDS:
            return False
    return True


class _Memo(dict):  # type: ignore[type-arg]
    """A dict that fills itself with ``make(key)`` (a pure function); emptied past :data:`_MEMO_LIMIT` entries."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        if len(self) > _MEMO_LIMIT:
            self.clear()
        value = self[key] = self._make(key)
        return value
