-- migrate:up
-- What a rate is, so that a conversion can say what it used: a rate of its day ('daily', what
-- every rate entered so far was taken to be), the average of the month it is dated at the
-- start of ('monthly_average'), the average of the year it is dated 1 January of
-- ('annual_average', e.g. World Bank WDI for the quetzal), or a fixed parity or peg ('peg',
-- the balboa and the Belize dollar). The look-up is the same for all: the latest rate on or
-- before the value date, at most 366 days old.
alter table exchange_rates
  add column basis text not null default 'daily'
    check (basis in ('daily', 'monthly_average', 'annual_average', 'peg'));

-- migrate:down
alter table exchange_rates drop column basis;
