/**
 * Letter templates (商函模板) and per-channel opt-outs (issue 10).
 *
 * A template belongs to one campaign and one A/B variant ('' = every target); its id is a hash of the two, so
 * the same template edited on two PCs meets as one row at the hub. Templates are never deleted (a delete would
 * be a final tombstone for that hash): clearing one sets deleted_at and saving again revives it.
 *
 * customers.no_contact lists the channels a customer asked not to be contacted on (JSON array of channel codes:
 * letter, sms, phone, door …); their lists leave the customer out whatever the consent says.
 */
export default `
CREATE TABLE letter_templates (
  id TEXT PRIMARY KEY,                 -- hash of campaign + variant
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  variant TEXT NOT NULL DEFAULT '',    -- campaign_variants.code, '' = all targets
  title TEXT NOT NULL DEFAULT '',      -- heading; may hold merge fields like the body
  body TEXT NOT NULL,
  signoff TEXT NOT NULL DEFAULT '',    -- 落款, printed right-aligned under the body
  fields TEXT NOT NULL DEFAULT '{}',   -- the campaign's own merge fields for this variant: {"截止日期":"12月31日"}
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  deleted_at TEXT
);
CREATE INDEX letter_templates_campaign ON letter_templates(campaign_id);

ALTER TABLE customers ADD COLUMN no_contact TEXT NOT NULL DEFAULT '[]';
`;
