#!/usr/bin/env bash
# Render an exported workbook (.xlsx) to PNG pages, to see it as it prints: the native
# charts drawn, the numbers formatted, Chinese text, no column cut to ####.
#
#   tools/render_workbook.sh BOOK.xlsx [OUTDIR] [DPI]
#
# Writes OUTDIR/BOOK.pdf (LibreOffice, headless) and OUTDIR/BOOK-1.png, BOOK-2.png ... (one
# per printed page, pdftoppm at DPI, default 80). OUTDIR defaults to the book's folder.
# Needs LibreOffice Calc and poppler, and a CJK font for Chinese, e.g. on Debian/Ubuntu:
#
#   apt-get install libreoffice-calc-nogui poppler-utils fonts-noto-cjk
#
# Not part of the test suite; the report workbooks' screenshots in docs/screenshots
# (report-workbook-*.png) were made with it:
#
#   KEHU_PASSWORD=demo1234 uv run kehu --db sqlite:///demo.db --user admin \
#       report sales-by-month --period last-year -o /tmp/render/sales-zh.xlsx --language zh_CN
#   tools/render_workbook.sh /tmp/render/sales-zh.xlsx
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    sed -n '2,8p' "$0" >&2
    exit 2
fi
book=$1
[[ -f $book ]] || { echo "no such workbook: $book" >&2; exit 2; }
outdir=${2:-$(dirname "$book")}
dpi=${3:-80}
mkdir -p "$outdir"
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$tool not found (see the comment above)" >&2; exit 2; }
done
name=$(basename "${book%.*}")
# A profile of its own: works beside a running LibreOffice and leaves the user's alone.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
    --outdir "$outdir" "$book" >/dev/null
pdftoppm -png -r "$dpi" "$outdir/$name.pdf" "$outdir/$name"
ls "$outdir/$name".pdf "$outdir/$name"-*.png
