"""Narration of blog prose (issue 20, item 11): the pronoun "I" is never a numeral unless it
is one ("Henry I", "World War I", "Part I"); words in capitals for emphasis are read as words
while initialisms stay spelled; paths and subreddits are read as words; a web address's path
is read as words. Each rule has its negatives: numerals that stay numerals, initialisms that
stay spelled, real addresses read as before."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import write

from pipeline.cli import main
from pipeline.speech import NORMALIZATION_VERSION, Lexicon, spoken_form
from pipeline.speech.en.dictionary import is_word


def said(text: str, lang: str = "en-US") -> str:
    return spoken_form(text, lang, Lexicon()).text


PRONOUN_I = [
    "I said it was fine.",
    "It's a great book, I said.",
    "The book I read was long.",
    "Then a book I enqueued arrived.",
    "Then I left. And I stayed. But I went. So I think.",
    "\u201cI can't,\u201d I said.",
    '"I love it," she said.',
    "I'm sure I'd go and I'll see and I've been.",
    "The part I liked most was the end.",
    "The war I fought was long.",
    "The type I like is blue.",
    "The season I watched was dull.",
    "Elizabeth, I said, come here.",
    "Henry I think is right.",
    "Mark I said no.",
    "Louis I said to me.",
    "Level I am at is ten.",
    "(I think so.)",
    "He asked: I answered.",
    "\u2014 I know.",
    "Who am I? Me.",
    "Tom and I went.",
    "Yes, I did.",
    "The Book I Loved Most",
    "The Part I Didn't Expect",
    "A Season I Gave Up On",
    "Mary I went to the shop.",
    "Thanks John I appreciate it.",
]


@pytest.mark.parametrize("text", PRONOUN_I)
def test_the_pronoun_i_is_never_a_numeral(text: str) -> None:
    assert said(text) == text


NUMERAL_I = [
    ("Part I was the best.", "Part one was the best."),
    ("Part I: The Beginning", "Part one: The Beginning"),
    ("Chapter I begins in Osaka.", "Chapter one begins in Osaka."),
    ("We read chapter I.", "We read chapter one."),
    ("Act I, Scene II.", "Act one, Scene two."),
    ("World War I ended in 1918.", "World War one ended in nineteen eighteen."),
    ("World War I Memorial", "World War one Memorial"),
    ("Henry I was king.", "Henry the First was king."),
    ("Elizabeth I died in 1603.", "Elizabeth the First died in sixteen oh-three."),
    ("King George I of Great Britain.", "King George the First of Great Britain."),
    ("Why Henry I Matters", "Why Henry the First Matters"),
    ("Queen Mary I went to war.", "Queen Mary the First went to war."),
    ("George I became king.", "George the First became king."),
    ("Louis I.", "Louis the First."),
    ("Type I diabetes is rare.", "Type one diabetes is rare."),
    ("The Mark I tank rolled.", "The Mark one tank rolled."),
    ("Episode I of Star Wars.", "Episode one of Star Wars."),
    ("Volume I and Volume II", "Volume one and Volume two"),
    ("Super Bowl I was in 1967.", "Super Bowl one was in nineteen sixty-seven."),
    ("PART I: OSAKA", "Part one: Osaka"),
    ("HENRY I DIED.", "Henry the First died."),
    ("HENRY VIII had wives.", "Henry the Eighth had wives."),
    ("Henry VIII had six wives.", "Henry the Eighth had six wives."),
    ("Read Chapter XII tonight.", "Read Chapter twelve tonight."),
]


@pytest.mark.parametrize(("text", "spoken"), NUMERAL_I)
def test_numerals_after_a_name_or_a_numbered_thing_stay_numerals(text: str, spoken: str) -> None:
    assert said(text) == spoken


EMPHASIS = [
    ("WHAT DID JACK DO?", "What did jack do?"),
    ("WHAT DID I DO?", "What did I do?"),
    ("I HAVE A DREAM.", "I have a dream."),
    ("Wandered around GINZA SIX today.", "Wandered around ginza six today."),
    ("Where can YOU see it?", "Where can you see it?"),
    ("YOU'RE wrong and I'M right.", "You're wrong and I'm right."),
    ("That was JACK'S idea.", "That was jack's idea."),
    ("A REVIEW OF OSAKA'S BEST RAMEN", "A review of osaka's best Ramen"),
    ("IT\u2019S FINE.", "It\u2019s fine."),
    ("This is SO good.", "This is so good."),
    ("DO NOT touch the stove.", "Do not touch the stove."),
    ("I DON'T CARE.", "I don't care."),
    ("I\u2019M SO DONE WITH THIS.", "I\u2019m so done with this."),
    ("I LOVED IT SO MUCH!", "I loved it so much!"),
    ("It was the WORST film ever.", "It was the worst film ever."),
    ("This is a MUST-SEE film.", "This is a must-see film."),
    ("He said NO.", "He said no."),
    ("It's a BIG deal.", "It's a big deal."),
    ("I MAY go.", "I may go."),
    ("WHO IS IT?", "Who is it?"),
    ("TELL US NOW.", "Tell us now."),
    ("WORLD WAR II ended.", "World war two ended."),
    ("CHAPTER XI: THE END", "Chapter eleven: The end"),
    ("THE END", "The end"),
    ("BBC NEWS at six.", "B B C News at six."),
    ("Linux, TCP/IP, ROS, AWS.", "Linux, T C P/I P, R O S, A W S."),
    ("I LOVE THE BBC.", "I love the B B C."),
    ("THE US ARMY MARCHED.", "The U S army marched."),
    ("USA TODAY reported.", "U S A Today reported."),
]


@pytest.mark.parametrize(("text", "spoken"), EMPHASIS)
def test_words_in_capitals_for_emphasis_are_read_as_words(text: str, spoken: str) -> None:
    assert said(text) == spoken


def test_a_sayable_word_in_capitals_is_still_a_word() -> None:
    """The acronym rule already says these as words; only the case of the first letter
    differs from the emphasis rule's, which the voice does not hear."""
    assert said("I LOVED it.").lower() == "i loved it."
    assert said("She was REALLY angry.").lower() == "she was really angry."


INITIALISMS = [
    ("The BBC reported it.", "The B B C reported it."),
    ("The FBI and the CIA argued.", "The F B I and the C I A argued."),
    ("NASA launched it.", "Nasa launched it."),
    ("The USA won.", "The U S A won."),
    ("The WHO warned us.", "The W H O warned us."),
    ("The US IT sector grew.", "The U S I T sector grew."),
    ("The NHS UK site.", "The N H S U K site."),
    ("The UK and EU agreed.", "The U K and E U agreed."),
    ("An IDE and a GPS.", "An I D E and a G P S."),
    ("Check the FAQ and the DIY guide.", "Check the F A Q and the D I Y guide."),
    ("The CEO said YES.", "The C E O said yes."),
    ("AT&T and R&B.", "A T and T and R and B."),
    ("Mix the MIX into the CIVIC.", "Mix the M I X into the Civic."),
    ("Click the DIV tag.", "Click the D I V tag."),
    ("The SEO and ROI numbers are up.", "The S E O and R O I numbers are up."),
    ("A post via IEEE Spectrum.", "A post via I E E E Spectrum."),
    ("The BBC'S report.", "The B B C's report."),
]


@pytest.mark.parametrize(("text", "spoken"), INITIALISMS)
def test_initialisms_stay_spelled(text: str, spoken: str) -> None:
    assert said(text) == spoken


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("so", True), ("jack", True), ("LOVED", True), ("don't", True), ("I\u2019m", True),
        ("worst", True), ("fbi", False), ("USA", False), ("bbc", False), ("npr", False),
        ("am", False), ("xqzt", False), ("tv", False), ("ieee", False), ("fyi", False),
    ],
)  # fmt: skip
def test_the_dictionary_tells_words_from_spelled_letters(word: str, expected: bool) -> None:
    assert is_word(word) is expected


PATHS = [
    ("See /r/JapanTravel for tips.", "See r slash Japan Travel for tips."),
    ("Ask r/AskReddit today.", "Ask r slash Ask Reddit today."),
    ("Thanks, /u/some_user!", "Thanks, u slash some user!"),
    ("Posted by u/TravelBug42.", "Posted by u slash Travel Bug forty-two."),
    ("Try /r/NYCFood next.", "Try r slash N Y C Food next."),
    ("Run ~/bin/build.sh now.", "Run tilde slash bin slash build dot S H now."),
    ("It lives in /usr/local/bin.", "It lives in slash usr slash local slash bin."),
    ("Type ./configure first.", "Type dot slash configure first."),
    ("Then ../up.", "Then dot dot slash up."),
]


@pytest.mark.parametrize(("text", "spoken"), PATHS)
def test_paths_and_subreddits_are_read_as_words(text: str, spoken: str) -> None:
    assert said(text) == spoken


URLS = [
    (
        "Read example.com/blog/when-to-go today.",
        "Read example dot com slash blog slash when to go today.",
    ),
    (
        "See https://example.com/2019/04/osaka_castle.html?ref=rss#top now.",
        "See example dot com slash two thousand nineteen slash four slash osaka castle dot "
        "H T M L question mark ref equals R S S hash top now.",
    ),
    (
        "Visit bbc.co.uk/news/uk-politics-123.",
        "Visit B B C dot co dot U K slash news slash U K politics one hundred twenty-three.",
    ),
    ("Go to example.com/r/NYCFood.", "Go to example dot com slash r slash N Y C Food."),
    (
        "Visit https://www.example.com/news today.",
        "Visit w w w dot example dot com slash news today.",
    ),
    ("Go to www.bbc.co.uk for more.", "Go to w w w dot B B C dot co dot U K for more."),
    (
        "Read https://docs.python.org/3/library now.",
        "Read docs dot python dot org slash three slash library now.",
    ),
    ("See example.org/en/about-us.", "See example dot org slash E N slash about us."),
    (
        "Try example.com.au/food-drink/le-petit-gateau.html first.",
        "Try example dot com dot A U slash food drink slash le petit gateau dot H T M L first.",
    ),
    ("Mail ann.lee@example.com today.", "Mail ann dot lee at example dot com today."),
]


@pytest.mark.parametrize(("text", "spoken"), URLS)
def test_a_web_address_path_is_read_as_words(text: str, spoken: str) -> None:
    assert said(text) == spoken


NOT_PATHS = [
    ("Read either/or and and/or.", "Read either or and and or."),
    ("Half is 1/2.", "Half is one half."),
    ("Open 24/7.", "Open twenty-four seven."),
    ("A rating of 8 /10 here.", "A rating of eight /ten here."),
]


@pytest.mark.parametrize(("text", "spoken"), NOT_PATHS)
def test_slashes_that_are_not_paths_are_read_as_before(text: str, spoken: str) -> None:
    assert said(text) == spoken


def test_the_rules_hold_in_british_english_too() -> None:
    assert said("a book I enqueued", "en-GB") == "a book I enqueued"
    assert said("WHAT DID JACK DO?", "en-GB") == "What did jack do?"
    assert said("See /r/JapanTravel.", "en-GB") == "See r slash Japan Travel."


def test_earmark_script_shows_blog_prose_as_a_listener_hears_it(tmp_path) -> None:
    source = write(
        tmp_path,
        "post.md",
        "# Osaka\n\nA book I enqueued said: WHAT DID JACK DO? See /r/JapanTravel and "
        "example.com/blog/when-to-go before Part I ends.\n",
    )
    result = CliRunner().invoke(main, ["script", str(source)])
    assert result.exit_code == 0, result.output
    assert f"speech normalization v{NORMALIZATION_VERSION})" in result.output
    assert NORMALIZATION_VERSION >= 3
    assert "says  A book I enqueued said: What did jack do?\n" in result.output
    assert "[r slash Japan Travel <- /r/JapanTravel]" in result.output
    assert (
        "says  See r slash Japan Travel and example dot com slash blog slash when to go before "
        "Part one ends." in result.output
    )


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Upgrade to v1.1 today.", "Upgrade to version one point one today."),
        ("See v2.0.1 first.", "See version two point zero point one first."),
        ("It weighs 1.5 kilos.", "It weighs one point five kilos."),
    ],
)
def test_a_version_with_a_v_is_a_version(text: str, spoken: str) -> None:
    assert said(text) == spoken
