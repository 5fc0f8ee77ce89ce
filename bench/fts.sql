-- Bench only: an FTS5 index over the same item text the app's search index holds (construct,
-- stem source, titles of the misconceptions the item's options reveal), for /bench/fts. Applied
-- to the benchmark's throwaway local D1 after seeding; never part of migrations/.
DROP TABLE IF EXISTS bench_fts;

-- porter folds plurals as the app's processTerm does; item_id is carried, not searched.
CREATE VIRTUAL TABLE bench_fts USING fts5(
  item_id UNINDEXED,
  construct,
  stem,
  misconception_names,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO bench_fts (item_id, construct, stem, misconception_names)
SELECT
  i.id,
  i.construct,
  i.stem_source,
  coalesce(
    (
      SELECT group_concat(m.title, ' · ')
      FROM misconceptions m
      WHERE m.slug IN (SELECT om.misconception_slug FROM option_misconceptions om WHERE om.item_id = i.id)
    ),
    ''
  )
FROM items i
WHERE i.status = 'published';
