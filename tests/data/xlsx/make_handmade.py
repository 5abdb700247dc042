#!/usr/bin/env python3
"""Write handmade.xlsx: a workbook as Excel stores one, written part by part so that the reader's
test does not depend on the writer it is tested against. Sheet 'Blad1' (strict-namespace id, a
second sheet that must not be read), shared strings with a rich-text run and a phonetic guide,
an inline string, a boolean, an error value, a formula's cached value, a cell without its
reference, a blank row in the middle and a tab and a quote inside text."""
import sys
import zipfile

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{R}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId7"/><sheet name="Annat" sheetId="2" r:id="rId8"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="x" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Type="x" Target="/xl/worksheets/data.xml"/></Relationships>',
    "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<si><t>Kommun</t></si><si><t>Kön</t></si><si><t>Ålder</t></si><si><t>Not</t></si>'
    '<si><r><t>Lek</t></r><r><rPr><b/></rPr><t>eberg</t></r><rPh><t>レ</t></rPh></si>'
    '<si><t>Kvinnor</t></si><si><t xml:space="preserve">med\ttabb och "citat"</t></si></sst>',
    "xl/worksheets/data.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>Svar</t></is></c></row>'
    '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><v>67</v></c><c r="D2" t="s"><v>6</v></c><c r="E2" t="b"><v>1</v></c></row>'
    '<row r="4"><c r="A4" t="s"><v>4</v></c><c t="inlineStr"><is><t>Män</t></is></c><c r="C4"><f>60+10</f><v>70</v></c><c r="E4" t="b"><v>0</v></c></row>'
    '<row r="5"><c r="A5" t="str"><f>"Lekeberg"</f><v>Lekeberg</v></c><c r="B5" t="inlineStr"><is><t>Kvinnor</t></is></c><c r="C5" t="e"><v>#N/A</v></c><c r="E5" t="b"><v>1</v></c></row>'
    '</sheetData></worksheet>',
    "xl/worksheets/sheet2.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>fel blad</t></is></c></row></sheetData></worksheet>',
}
with zipfile.ZipFile(sys.argv[1] if len(sys.argv) > 1 else "handmade.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text.encode("utf-8"))
