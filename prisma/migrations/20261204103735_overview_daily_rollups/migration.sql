-- CreateTable
CREATE TABLE "MentionDayRollup" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "network" "Network" NOT NULL,
    "sentiment" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionDayRollup_pkey" PRIMARY KEY ("tenantId","day","network","sentiment")
);

-- CreateTable
CREATE TABLE "MentionTermDayRollup" (
    "tenantId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "mentions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MentionTermDayRollup_pkey" PRIMARY KEY ("tenantId","day","sourceId")
);

-- CreateTable
CREATE TABLE "LedgerDayRollup" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "source" "LedgerSource" NOT NULL,
    "credit" BIGINT NOT NULL DEFAULT 0,
    "debit" BIGINT NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LedgerDayRollup_pkey" PRIMARY KEY ("tenantId","day","source")
);

-- CreateTable
CREATE TABLE "LinkDayRollup" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "network" "Network" NOT NULL,
    "links" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LinkDayRollup_pkey" PRIMARY KEY ("tenantId","day","network")
);

-- Only a count of 0 is a neutral row; a label is one of SentimentLabel's or NONE.
ALTER TABLE "MentionDayRollup" ADD CONSTRAINT "MentionDayRollup_sentiment_check"
  CHECK (sentiment IN ('PROMOTER', 'PASSIVE', 'DETRACTOR', 'NONE'));

-- The rollups are kept by statement-level triggers with transition tables: a statement that
-- writes a page of mentions (or ledger entries) adds ONE grouped upsert per rollup table, with one
-- row per distinct (day, network, sentiment) / (day, term) / (day, source) it touched — not one
-- per source row. An UPDATE that moves no counted column (triage, deletion checks, token refresh)
-- nets to zero and writes nothing. Rows are upserted in key order so two writers lock them in
-- the same order. Mention deletes are rare (erasure, a brand's removal): a row trigger handles
-- them BEFORE the row goes, while its MentionMatch rows still exist.

CREATE FUNCTION megaphone_rollup_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MentionDayRollup" AS r ("tenantId", day, network, sentiment, mentions)
    SELECT "tenantId", "postedAt"::date, network, COALESCE("sentimentLabel"::text, 'NONE'), COUNT(*)
      FROM new_mentions GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("tenantId", day, network, sentiment) DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;

    INSERT INTO "MentionTermDayRollup" AS r ("tenantId", day, "sourceId", mentions)
    SELECT "tenantId", "postedAt"::date, "sourceId", COUNT(*)
      FROM new_mentions WHERE "sourceId" IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, "sourceId") DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;
  ELSE
    INSERT INTO "MentionDayRollup" AS r ("tenantId", day, network, sentiment, mentions)
    SELECT t, d, n, s, SUM(k) FROM (
      SELECT "tenantId" AS t, "postedAt"::date AS d, network AS n, COALESCE("sentimentLabel"::text, 'NONE') AS s, 1 AS k FROM new_mentions
      UNION ALL
      SELECT "tenantId", "postedAt"::date, network, COALESCE("sentimentLabel"::text, 'NONE'), -1 FROM old_mentions
    ) delta GROUP BY 1, 2, 3, 4 HAVING SUM(k) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("tenantId", day, network, sentiment) DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;

    -- The first source moves with sourceId; a mention whose day moved takes its matches along.
    INSERT INTO "MentionTermDayRollup" AS r ("tenantId", day, "sourceId", mentions)
    SELECT t, d, src, SUM(k) FROM (
      SELECT "tenantId" AS t, "postedAt"::date AS d, "sourceId" AS src, 1 AS k FROM new_mentions WHERE "sourceId" IS NOT NULL
      UNION ALL
      SELECT "tenantId", "postedAt"::date, "sourceId", -1 FROM old_mentions WHERE "sourceId" IS NOT NULL
      UNION ALL
      SELECT n."tenantId", day_moved.d, mm."sourceId", day_moved.k
        FROM new_mentions n
        JOIN old_mentions o ON o."tenantId" = n."tenantId" AND o.id = n.id AND o."postedAt"::date <> n."postedAt"::date
        CROSS JOIN LATERAL (VALUES (n."postedAt"::date, 1), (o."postedAt"::date, -1)) AS day_moved(d, k)
        JOIN "MentionMatch" mm ON mm."tenantId" = n."tenantId" AND mm."mentionId" = n.id
    ) delta GROUP BY 1, 2, 3 HAVING SUM(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, "sourceId") DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Mention_rollup_insert" AFTER INSERT ON "Mention"
  REFERENCING NEW TABLE AS new_mentions
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_mentions();
CREATE TRIGGER "Mention_rollup_update" AFTER UPDATE ON "Mention"
  REFERENCING OLD TABLE AS old_mentions NEW TABLE AS new_mentions
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_mentions();

CREATE FUNCTION megaphone_rollup_mention_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "MentionDayRollup" SET mentions = mentions - 1
   WHERE "tenantId" = OLD."tenantId" AND day = OLD."postedAt"::date AND network = OLD.network
     AND sentiment = COALESCE(OLD."sentimentLabel"::text, 'NONE');
  UPDATE "MentionTermDayRollup" r SET mentions = r.mentions - terms.k
    FROM (SELECT src, COUNT(*) AS k FROM (
            SELECT OLD."sourceId" AS src WHERE OLD."sourceId" IS NOT NULL
            UNION ALL
            SELECT mm."sourceId" FROM "MentionMatch" mm WHERE mm."tenantId" = OLD."tenantId" AND mm."mentionId" = OLD.id
          ) s GROUP BY src) terms
   WHERE r."tenantId" = OLD."tenantId" AND r.day = OLD."postedAt"::date AND r."sourceId" = terms.src;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "Mention_rollup_delete" BEFORE DELETE ON "Mention"
  FOR EACH ROW EXECUTE FUNCTION megaphone_rollup_mention_delete();

-- A later source's match counts on its mention's day. A match whose mention is being deleted is
-- not found by the join (the mention's row trigger already took it off).
CREATE FUNCTION megaphone_rollup_mention_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MentionTermDayRollup" AS r ("tenantId", day, "sourceId", mentions)
    SELECT mm."tenantId", m."postedAt"::date, mm."sourceId", COUNT(*)
      FROM new_matches mm JOIN "Mention" m ON m."tenantId" = mm."tenantId" AND m.id = mm."mentionId"
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, "sourceId") DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;
  ELSE
    INSERT INTO "MentionTermDayRollup" AS r ("tenantId", day, "sourceId", mentions)
    SELECT mm."tenantId", m."postedAt"::date, mm."sourceId", -COUNT(*)
      FROM old_matches mm JOIN "Mention" m ON m."tenantId" = mm."tenantId" AND m.id = mm."mentionId"
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, "sourceId") DO UPDATE SET mentions = r.mentions + EXCLUDED.mentions;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "MentionMatch_rollup_insert" AFTER INSERT ON "MentionMatch"
  REFERENCING NEW TABLE AS new_matches
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_mention_matches();
CREATE TRIGGER "MentionMatch_rollup_delete" AFTER DELETE ON "MentionMatch"
  REFERENCING OLD TABLE AS old_matches
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_mention_matches();

-- The ledger is append-only (insert only; its guards refuse updates and deletes).
CREATE FUNCTION megaphone_rollup_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "LedgerDayRollup" AS r ("tenantId", day, source, credit, debit, entries)
  SELECT "tenantId", "createdAt"::date, source,
         COALESCE(SUM(amount) FILTER (WHERE amount > 0), 0), COALESCE(SUM(amount) FILTER (WHERE amount < 0), 0), COUNT(*)
    FROM new_entries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("tenantId", day, source) DO UPDATE
    SET credit = r.credit + EXCLUDED.credit, debit = r.debit + EXCLUDED.debit, entries = r.entries + EXCLUDED.entries;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "LedgerEntry_rollup" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_ledger();

-- A link counts while the profile names a customer and has its linkedAt.
CREATE FUNCTION megaphone_rollup_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "LinkDayRollup" AS r ("tenantId", day, network, links)
    SELECT "tenantId", "linkedAt"::date, network, COUNT(*)
      FROM new_profiles WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, network) DO UPDATE SET links = r.links + EXCLUDED.links;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "LinkDayRollup" AS r ("tenantId", day, network, links)
    SELECT "tenantId", "linkedAt"::date, network, -COUNT(*)
      FROM old_profiles WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, network) DO UPDATE SET links = r.links + EXCLUDED.links;
  ELSE
    INSERT INTO "LinkDayRollup" AS r ("tenantId", day, network, links)
    SELECT t, d, n, SUM(k) FROM (
      SELECT "tenantId" AS t, "linkedAt"::date AS d, network AS n, 1 AS k
        FROM new_profiles WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
      UNION ALL
      SELECT "tenantId", "linkedAt"::date, network, -1
        FROM old_profiles WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL
    ) delta GROUP BY 1, 2, 3 HAVING SUM(k) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("tenantId", day, network) DO UPDATE SET links = r.links + EXCLUDED.links;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "SocialProfile_rollup_insert" AFTER INSERT ON "SocialProfile"
  REFERENCING NEW TABLE AS new_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_links();
CREATE TRIGGER "SocialProfile_rollup_update" AFTER UPDATE ON "SocialProfile"
  REFERENCING OLD TABLE AS old_profiles NEW TABLE AS new_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_links();
CREATE TRIGGER "SocialProfile_rollup_delete" AFTER DELETE ON "SocialProfile"
  REFERENCING OLD TABLE AS old_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION megaphone_rollup_links();

-- Existing data: the rollups start from a full count.
INSERT INTO "MentionDayRollup" ("tenantId", day, network, sentiment, mentions)
SELECT "tenantId", "postedAt"::date, network, COALESCE("sentimentLabel"::text, 'NONE'), COUNT(*) FROM "Mention" GROUP BY 1, 2, 3, 4;
INSERT INTO "MentionTermDayRollup" ("tenantId", day, "sourceId", mentions)
SELECT t, d, s, COUNT(*) FROM (
  SELECT "tenantId" AS t, "postedAt"::date AS d, "sourceId" AS s FROM "Mention" WHERE "sourceId" IS NOT NULL
  UNION ALL
  SELECT mm."tenantId", m."postedAt"::date, mm."sourceId" FROM "MentionMatch" mm JOIN "Mention" m ON m."tenantId" = mm."tenantId" AND m.id = mm."mentionId"
) x GROUP BY 1, 2, 3;
INSERT INTO "LedgerDayRollup" ("tenantId", day, source, credit, debit, entries)
SELECT "tenantId", "createdAt"::date, source, COALESCE(SUM(amount) FILTER (WHERE amount > 0), 0), COALESCE(SUM(amount) FILTER (WHERE amount < 0), 0), COUNT(*)
  FROM "LedgerEntry" GROUP BY 1, 2, 3;
INSERT INTO "LinkDayRollup" ("tenantId", day, network, links)
SELECT "tenantId", "linkedAt"::date, network, COUNT(*) FROM "SocialProfile" WHERE "customerId" IS NOT NULL AND "linkedAt" IS NOT NULL GROUP BY 1, 2, 3;
