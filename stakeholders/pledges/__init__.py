"""The GCM pledging initiative as a kind of document on the shared machinery (issue 19, item 5).

The row is `stakeholders.models.pledges.Pledge`; this package declares it to the machinery and
adds what is its own, one concern per module: `template` (the parts, their guidance and
limits), `content` (the snapshot and the kind's own rules at submission), `parts` (what the
editor saves one at a time), `kind` (the declaration), `pledgers` (who may pledge: a State's
focal points, an accredited organisation's invited pledgers), `drafting` (the door that creates
a pledge), `invitations` (the grant that makes someone a pledger), `workspace` and
`moderation` (the registered entries), `published` (what the public reads: the pinned
revisions only), `filters`, `api`, `api_urls` and `sitemaps`.
"""
