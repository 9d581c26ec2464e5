-- migrate:up
-- Grants and loans apart from IATI too: each imported transaction keeps its finance type
-- (its own <finance-type>, else its activity's <default-finance-type>), which the ledger
-- sync carries to the entries it records. The same codes as support_flows.finance_type
-- (src/contracts/finance-types.ts); a code outside them is stored as null with a warning on
-- the import's report, never refused here.
alter table iati_transactions
  add column finance_type text
    check (finance_type in ('110', '210', '310', '311', '410', '421', '422', '423', '424',
      '425', '431', '432', '433', '510', '520', '530', '610', '611', '612', '613', '614',
      '615', '616', '617', '618', '620', '621', '622', '623', '624', '625', '626', '627',
      '630', '631', '632', '633', '634', '635', '636', '637', '638', '639', '1100'));

-- migrate:down
alter table iati_transactions drop column finance_type;
