"""The hidden, signed identifier an exported file carries: which document, which revision,
which version it was exported from.

An import reads it to know its base version (what the focal point edited) and to say when a file
was not exported from this draft. It is signed (django.core.signing, salt "reviews.wordfile"), so
a file typed from scratch or edited by hand cannot claim to be another State's review; it is not
secret (a signature, not encryption): it names only primary keys and numbers.
"""

from django.core import signing

SALT = "reviews.wordfile"
# Where an ODT keeps it (`meta:user-defined`); a DOCX keeps it in its core property `identifier`.
ODT_FIELD = "gcm-portal-id"


def sign(document, revision_number: int | None, version: int) -> str:
    """The token written into a file exported from `document` (revision None: the draft)."""
    payload = {"d": document.pk, "r": revision_number, "v": version, "k": document.kind}
    return signing.dumps(payload, salt=SALT, compress=False)


def read(token: str | None) -> dict | None:
    """The payload of a token made by `sign`; None when missing, tampered or not ours."""
    if not token:
        return None
    try:
        payload = signing.loads(token.strip(), salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.keys() != {"d", "r", "v", "k"}:
        return None
    return payload
