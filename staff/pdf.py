"""A minimal one-page PDF writer for the demo's official form file (no dependency needed)."""

import textwrap


def escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(lines, width=90):
    """Render plain text lines in 9 pt Helvetica on A4 (WinAnsi, so å, ä, ö and dashes work).
    One page holds 68 lines: more is an error, not a silently cut signature block."""
    wrapped = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, width) or [""])
    if len(wrapped) > 68:
        raise ValueError(f"{len(wrapped)} lines do not fit on one page (68 do)")
    text = ["BT", "/F1 9 Tf", "11 TL", "50 800 Td"]
    text += [f"({escape(line)}) '" for line in wrapped[:68]]
    text.append("ET")
    stream = "\n".join(text).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
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
