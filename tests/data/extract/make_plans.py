"""Generate the corpus of community-plan documents (text, DOCX, PDF) and, beside each, the facts it states.

    python tests/data/extract/make_plans.py

Plans vary the way they number priorities and measures ("Priorita 1" / "Oblast A" /
"Cílová skupina 2", "1.1" / "Opatření č. 2.3" / "A.1.2"), give measures as labelled lines
or as tables with costs per year, and name the plan's target groups in a list or as its
areas. The expected facts (``NN_*.json``) are written from the drawn values, never from
what the extractor reads. Also writes ``unreadable/``: a scanned PDF without text, an
encrypted PDF and a file that is no document. Needs fpdf2, python-docx, pypdf and Pillow,
and the DejaVu Sans font (Debian ``fonts-dejavu-core``) for Czech text in PDFs.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "plans"
BAD = Path(__file__).resolve().parent / "unreadable"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
COUNT = 18
SEED = 1818

TOWNS = ["Kroměříž", "Vsetín", "Třebíč", "Písek", "Jeseník", "Hodonín", "Šumperk", "Tábor", "Beroun",
         "Rakovník", "Kolín", "Prostějov", "Litoměřice", "Cheb", "Blansko", "Vyškov", "Rokycany", "Náchod"]
PRIORITIES = ["Podpora seniorů v domácím prostředí", "Rozvoj služeb pro osoby se zdravotním postižením",
              "Služby pro rodiny s dětmi", "Prevence sociálního vyloučení", "Průřezová opatření"]
AREAS = ["Senioři", "Osoby se zdravotním postižením", "Rodiny s dětmi, děti a mládež",
         "Osoby ohrožené sociálním vyloučením", "Osoby s duševním onemocněním"]
MEASURES = ["Zachování kapacity pečovatelské služby", "Rozšíření odlehčovací služby",
            "Vznik denního stacionáře", "Podpora sociálně aktivizačních služeb pro rodiny",
            "Zřízení nízkoprahového zařízení pro děti a mládež", "Terénní práce v lokalitách",
            "Podpora dluhového poradenství", "Informační katalog sociálních služeb",
            "Vzdělávání pracovníků v sociálních službách", "Podpora neformálních pečujících",
            "Rozvoj chráněného bydlení", "Zajištění krizové pomoci", "Sociální rehabilitace",
            "Podpora dobrovolnictví", "Koordinace komunitního plánování"]
BODIES = ["Odbor sociálních věcí", "Charita {town}", "Pečovatelská služba {town}", "Rada města",
          "Koordinátor komunitního plánování", "Poskytovatelé sociálních služeb", "Diakonie ČCE"]
GROUPS = ["senioři", "osoby se zdravotním postižením", "rodiny s dětmi", "osoby v krizi",
          "osoby bez přístřeší", "ohrožené děti a mládež", "osoby s duševním onemocněním"]


def money(crowns: int) -> str:
    return f"{crowns:,}".replace(",", " ") + " Kč"


def draw(index: int) -> dict[str, object]:
    """The facts of one plan."""
    rnd = random.Random(SEED * 100 + index)
    town = TOWNS[index % len(TOWNS)]
    start = rnd.randint(2015, 2022)
    end = start + rnd.choice([2, 3, 4])
    layout = index % 6
    by_groups = layout == 2
    areas = rnd.sample(AREAS if by_groups else PRIORITIES, rnd.randint(2, 3))
    years = list(range(start + 1, start + 4))
    # A measure names one of the plan's target groups.
    groups = list(areas) if by_groups else rnd.sample(GROUPS, rnd.randint(2, 4))
    measures = []
    pool = rnd.sample(MEASURES, len(MEASURES))
    omit_costs = index % 5 == 4
    omit_bodies = index % 7 == 5
    for p, area in enumerate(areas, 1):
        for m in range(1, rnd.randint(2, 3) + 1):
            yearly = [rnd.randint(1, 60) * 10_000 for _ in years]
            letter = "ABCDE"[p - 1]
            code = {1: f"{letter}.1.{m}"}.get(layout, f"{p}.{m}")
            measures.append({
                "kod": code, "nazev": pool.pop(),
                "priorita": area,
                "cilova_skupina": area if by_groups else rnd.choice(groups),
                "odpovedny_subjekt": None if omit_bodies else rnd.choice(BODIES).format(town=town),
                "planovane_naklady": None if omit_costs else sum(yearly) if layout in (1, 3)
                else rnd.randint(1, 90) * 10_000,
                "po_letech": yearly,
            })
    number = rnd.randint(2, 6)
    title = rnd.choice([f"{number}. Komunitní plán sociálních služeb ORP {town} na období {start}–{end}",
                        f"Střednědobý plán rozvoje sociálních služeb ORP {town} na léta {start}–{end}",
                        f"Komunitní plán sociálních služeb ORP {town} {start}–{end}"])
    return {"index": index, "town": town, "layout": layout, "title": title, "start": start, "end": end,
            "years": years, "measures": measures, "groups": groups, "by_groups": by_groups,
            "rnd": rnd}


def blocks(plan: dict[str, object]) -> list[tuple[str, object]]:
    """The plan as ("title"|"h"|"p"|"li", text) and ("table", rows) blocks."""
    rnd: random.Random = plan["rnd"]  # type: ignore[assignment]
    layout = plan["layout"]
    out: list[tuple[str, object]] = [("title", plan["title"]),
                                     ("p", f"Zpracovatel: Město {plan['town']}, odbor sociálních věcí"),
                                     ("p", "Schváleno zastupitelstvem města dne 12. 12. "
                                           f"{plan['start'] - 1}, usnesení č. 123/45.")]
    if not plan["by_groups"]:
        out.append(("h", "Cílové skupiny plánu"))
        out += [("li", g[0].upper() + g[1:]) for g in plan["groups"]]  # type: ignore[union-attr]
        out.append(("p", "Plán navazuje na analýzu potřeb uživatelů a na síť sociálních služeb kraje."))
    measures: list[dict[str, object]] = plan["measures"]  # type: ignore[assignment]
    areas = list(dict.fromkeys(m["priorita"] for m in measures))
    years: list[int] = plan["years"]  # type: ignore[assignment]
    for p, area in enumerate(areas, 1):
        mine = [m for m in measures if m["priorita"] == area]
        letter = "ABCDE"[p - 1]
        heading = {0: f"Priorita {p}: {area}", 1: f"Oblast {letter} – {area}",
                   2: f"Cílová skupina {p}: {area}", 3: f"Priorita {p}: {area}",
                   4: f"Prioritní oblast {p} – {area}", 5: f"Priorita {p}: {area}"}[layout]
        if layout not in (3, 5):
            out.append(("h", heading))
        if layout in (3, 5):
            continue
        for m in mine:
            opener = {0: f"Opatření {m['kod']}: {m['nazev']}", 1: f"{m['kod']} {m['nazev']}",
                      2: f"{m['kod']} {m['nazev']}", 4: f"Opatření č. {m['kod']} – {m['nazev']}"}[layout]
            out.append(("h", opener))
            out.append(("p", "Popis: opatření reaguje na potřeby zjištěné v analýze a navazuje na "
                             "stávající služby v území."))
            if not plan["by_groups"]:
                out.append(("p", f"Cílová skupina: {m['cilova_skupina']}"))
            if m["odpovedny_subjekt"]:
                label = rnd.choice(["Odpovědný subjekt", "Realizátor", "Garant", "Zodpovídá"])
                out.append(("p", f"{label}: {m['odpovedny_subjekt']}"))
            if m["planovane_naklady"] is not None:
                if layout == 1:
                    per_year = ", ".join(f"{y}: {money(c)}"
                                         for y, c in zip(years, m["po_letech"], strict=True))
                    out.append(("p", f"Finanční náročnost: {per_year}"))
                else:
                    label = rnd.choice(["Předpokládané náklady", "Plánované náklady", "Náklady"])
                    out.append(("p", f"{label}: {money(m['planovane_naklady'])}"))
            out.append(("p", f"Termín: {years[0]}–{years[-1]}"))
    if layout == 3:
        header = ["Kód", "Opatření", "Priorita", "Cílová skupina", "Odpovědnost"] + [str(y) for y in years]
        rows = [header]
        for m in measures:
            costs = [money(c) if m["planovane_naklady"] is not None else "–" for c in m["po_letech"]]
            rows.append([m["kod"], m["nazev"], m["priorita"], m["cilova_skupina"],
                         m["odpovedny_subjekt"] or ""] + costs)
        out.append(("h", "Přehled opatření"))
        out.append(("table", rows))
    if layout == 5:
        for p, area in enumerate(areas, 1):
            mine = [m for m in measures if m["priorita"] == area]
            out.append(("h", f"Priorita {p}: {area}"))
            rows = [["Č.", "Název opatření", "Cílová skupina", "Realizátor", "Náklady celkem"]]
            rows += [[m["kod"], m["nazev"], m["cilova_skupina"], m["odpovedny_subjekt"] or "",
                      money(m["planovane_naklady"]) if m["planovane_naklady"] is not None else ""]
                     for m in mine]
            out.append(("table", rows))
    out.append(("p", "Monitoring plánu probíhá jednou ročně; hodnocení projedná řídící skupina."))
    return out


def to_text(items: list[tuple[str, object]]) -> str:
    out = []
    for kind, content in items:
        if kind == "li":
            out.append(f"• {content}")
        elif kind == "table":
            out += ["\t".join(row) for row in content]  # type: ignore[union-attr]  # as exported
        else:
            out.append(str(content))
        out.append("")
    return "\n".join(out)


def to_docx(items: list[tuple[str, object]]) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in items:
        if kind == "title":
            document.add_heading(str(content), level=0)
        elif kind == "h":
            document.add_heading(str(content), level=2)
        elif kind == "li":
            document.add_paragraph(str(content), style="List Bullet")
        elif kind == "table":
            rows: list[list[str]] = content  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            document.add_paragraph(str(content))
    out = io.BytesIO()
    document.core_properties.author = "Město"
    document.save(out)
    return out.getvalue()


def to_pdf(items: list[tuple[str, object]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").UTC))
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    for kind, content in items:
        size = {"title": 11, "h": 10}.get(kind, 9)
        pdf.set_font("DejaVu", size=size)
        if kind == "table":
            rows: list[list[str]] = content  # type: ignore[assignment]
            pdf.set_font("DejaVu", size=7)
            with pdf.table(text_align="LEFT", line_height=4) as table:
                for row in rows:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(2)
        else:
            text = f"• {content}" if kind == "li" else str(content)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    return bytes(pdf.output())


def truth(plan: dict[str, object]) -> dict[str, object]:
    return {
        "plan": {"nazev": plan["title"], "obdobi_od": plan["start"], "obdobi_do": plan["end"],
                 "orp": plan["town"]},
        "opatreni": [{k: v for k, v in m.items() if k != "po_letech"}
                     for m in plan["measures"]],  # type: ignore[union-attr]
        "cilove_skupiny": [g[0].upper() + g[1:] for g in plan["groups"]],  # type: ignore[union-attr]
    }


def unreadable() -> None:
    """Files the command must refuse: a scan, an encrypted PDF, bytes that are no document."""
    from fpdf import FPDF
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    BAD.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", (600, 300), 255)
    for x in range(50, 550, 7):  # dark strokes where a scanner saw lines of print
        for y in range(60, 240, 30):
            image.putpixel((x, y), 0)
    png = io.BytesIO()
    image.save(png, format="PNG")
    pdf = FPDF()
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").UTC))
    pdf.add_page()
    pdf.image(io.BytesIO(png.getvalue()), x=10, y=10, w=190)
    (BAD / "naskenovany_plan.pdf").write_bytes(bytes(pdf.output()))
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(to_pdf(blocks(draw(0))))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="heslo", owner_password="heslo", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    (BAD / "zasifrovany_plan.pdf").write_bytes(out.getvalue())
    (BAD / "obrazek_plan.docx").write_bytes(png.getvalue())
    (BAD / "plan.png").write_bytes(png.getvalue())


def main() -> None:
    if not FONT.exists():
        raise SystemExit(f"the DejaVu Sans font is needed for Czech PDFs: {FONT}")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for index in range(COUNT):
        plan = draw(index)
        items = blocks(plan)
        kind = ["txt", "docx", "pdf"][(index + index // 6) % 3]  # every layout in every format
        stem = f"{index:02d}_{kind}"
        if kind == "txt":
            (OUT / f"{stem}.txt").write_text(to_text(items), encoding="utf-8")
        elif kind == "docx":
            (OUT / f"{stem}.docx").write_bytes(to_docx(items))
        else:
            (OUT / f"{stem}.pdf").write_bytes(to_pdf(items))
        (OUT / f"{stem}.json").write_text(json.dumps(truth(plan), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    unreadable()


if __name__ == "__main__":
    main()
