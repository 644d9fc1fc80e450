-- A mention's first matching source is Mention."sourceId"; MentionMatch keeps only the sources
-- that matched it later. Writing a MentionMatch row for every stored mention inside the ingest
-- statement made concurrent pages wait on each other (measured by npm run bench:ingest: page
-- statements went from ~22 ms to ~140 ms), so the first match is no longer repeated there.
DELETE FROM "MentionMatch" mm
USING "Mention" m
WHERE m."tenantId" = mm."tenantId" AND m.id = mm."mentionId" AND m."sourceId" = mm."sourceId";

-- Per-source figures count Mention by source, and deleting a source clears its mentions' sourceId.
CREATE INDEX "Mention_tenantId_sourceId_idx" ON "Mention"("tenantId", "sourceId");
