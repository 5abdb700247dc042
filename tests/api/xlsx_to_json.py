#!/usr/bin/env python3
"""Print an Excel workbook as JSON, {sheet name: [[cell value, ...], ...]}, read by openpyxl
(Debian's python3-openpyxl): an independent reader of what libxlsxwriter wrote."""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(json.dumps({sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                  for sheet in workbook.worksheets}, ensure_ascii=False))
