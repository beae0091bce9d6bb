/**
 * Official divisions (issue 8): each village records the county and the edition of the national list its
 * code comes from, so a later edition can be applied as an update that keeps the branch's own villages.
 */
export default `
ALTER TABLE villages ADD COLUMN county_code TEXT;
ALTER TABLE villages ADD COLUMN edition TEXT;
ALTER TABLE villages ADD COLUMN initials TEXT;                -- pinyin initials, for pickers (dfc → 东风村)
CREATE INDEX villages_town ON villages(town_code);
`;
