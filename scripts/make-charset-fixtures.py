#!/usr/bin/env python3
"""Writes the saved pages of fixtures/charset/: small pages in legacy encodings, encoded by
Python's codecs (not by encoding_rs, which decodes them in the tests).

    python3 scripts/make-charset-fixtures.py

The texts are public domain: Natsume Soseki's "I Am a Cat" (1905), Pushkin's "Eugene Onegin"
(1833), the Analects, and two sentences of our own in French and German.
"""
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "charset"

JA = ("吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
      "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。"
      "吾輩はここで始めて人間というものを見た。")
RU = ("Мой дядя самых честных правил, когда не в шутку занемог, он уважать себя "
      "заставил и лучше выдумать не мог. Его пример другим наука; но, боже мой, какая скука "
      "с больным сидеть и день и ночь, не отходя ни шагу прочь!")
ZH = ("子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？"
      "曾子曰：吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？"
      "子曰：温故而知新，可以为师矣。")
FR = ("L'été dernier, nous sommes allés à la fête du village. Les enfants ont mangé des "
      "crêpes et des gâteaux ; les grands-parents ont raconté des histoires d'autrefois, "
      "près de la fenêtre où brûlait une bougie.")
DE = "Über den Wolken: Größe, Mädchen, Straße, schön und grün."


def page(head: str, title: str, text: str) -> str:
    return (f"<!DOCTYPE html>\n<html>\n<head>\n{head}<title>{title}</title>\n</head>\n"
            f"<body class=\"post-template-default single single-post postid-7\">\n"
            f"<article id=\"post-7\" class=\"post-7 post\"><div class=\"entry-content\">\n"
            f"<p>{text}</p>\n</div></article>\n</body>\n</html>\n")


FILES = {
    # Declared by <meta charset>.
    "shift_jis-meta.html": ("shift_jis", page('<meta charset="Shift_JIS">\n', "猫", JA)),
    # Declared by the http-equiv form.
    "windows-1251-http-equiv.html": ("cp1251", page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n',
        "Онегин", RU)),
    # Declared nowhere: left to the detector.
    "gbk-undeclared.html": ("gbk", page("", "论语", ZH)),
    "shift_jis-undeclared.html": ("shift_jis", page("", "猫", JA)),
    "windows-1251-undeclared.html": ("cp1251", page("", "Онегин", RU)),
    "iso-8859-1-undeclared.html": ("latin-1", page("", "Fête", FR + " " + DE)),
    # Declared ISO-8859-1 (the Encoding Standard reads it as windows-1252).
    "iso-8859-1-meta.html": ("latin-1", page(
        '<meta http-equiv="content-type" content="text/html;charset=ISO-8859-1">\n', "Fête", FR)),
    # A UTF-16LE byte-order mark on a page whose <meta> says windows-1252: the mark wins.
    "utf-16le-bom-meta-1252.html": ("utf-16", page('<meta charset="windows-1252">\n', "Fête", FR)),
    # A UTF-8 byte-order mark on a page whose <meta> says Shift_JIS.
    "utf-8-bom-meta-shift_jis.html": ("utf-8-sig", page('<meta charset="Shift_JIS">\n', "猫", JA)),
    # UTF-8 that says it is windows-1251 in <meta>: the bytes win.
    "utf-8-meta-1251.html": ("utf-8", page('<meta charset="windows-1251">\n', "Онегин", RU)),
}

for name, (codec, html) in FILES.items():
    # Python's "utf-16" writes a byte-order mark in the machine's order; say which.
    data = ("\ufeff" + html).encode("utf-16-le") if codec == "utf-16" else html.encode(codec)
    (OUT / name).write_bytes(data)
    print(name, len(data))
