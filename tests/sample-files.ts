// Small real files for attachment tests: the endpoint checks what is inside a file, so a test that
// attaches "shot.png" must send the bytes of a PNG image.

/** A 1×1 transparent PNG image. */
export const PNG_BYTES = Uint8Array.from(
  Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1e30000000049454e44ae426082",
    "hex",
  ),
);

/** A one-page PDF document with nothing on the page. */
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
);

/** An empty ZIP archive (just its end-of-directory record). */
export const ZIP_BYTES = Uint8Array.from(Buffer.from("504b0506000000000000000000000000000000000000", "hex"));

/** The start of a Windows program: the "MZ" header and the offset of its PE header. */
export const EXE_BYTES = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array<number>(55).fill(0), 0x40, 0, 0, 0, 0x50, 0x45, 0, 0]);
