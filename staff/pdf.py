"""A minimal PDF writer for plain text (no dependency needed): the demo's one-page official
form file, and records exported over as many pages as they need."""

import textwrap

LINES_PER_PAGE = 68


def escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrapped_lines(lines, width):
    wrapped = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, width) or [""])
    return wrapped


def simple_pdf(lines, width=90):
    """Render plain text lines in 9 pt Helvetica on A4 (WinAnsi, so å, ä, ö and dashes work).
    One page holds 68 lines: more is an error, not a silently cut signature block."""
    wrapped = wrapped_lines(lines, width)
    if len(wrapped) > LINES_PER_PAGE:
        raise ValueError(f"{len(wrapped)} lines do not fit on one page (68 do)")
    return pdf_document([wrapped])


def paged_pdf(lines, width=90):
    """The same text on as many A4 pages as it needs, 68 lines each."""
    wrapped = wrapped_lines(lines, width) or [""]
    pages = [
        wrapped[start : start + LINES_PER_PAGE] for start in range(0, len(wrapped), LINES_PER_PAGE)
    ]
    return pdf_document(pages)


def page_stream(lines):
    text = ["BT", "/F1 9 Tf", "11 TL", "50 800 Td"]
    text += [f"({escape(line)}) '" for line in lines]
    text.append("ET")
    return "\n".join(text).encode("cp1252", errors="replace")


def pdf_document(pages):
    """Objects: 1 catalog, 2 page tree, 3 font, then each page and its contents."""
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        stream = page_stream(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
