-- migrate:up
-- What each OAS body is (AG/RES. 2626 ¶8 asks member states to draw upon the OAS "organs,
-- agencies and entities"): the Organization itself, an organ of the Charter, a specialized
-- organization, a unit of the General Secretariat, or another entity. The list matches
-- src/contracts/enum-values.ts (oasBodyKinds). Bodies already in the directory are classed
-- by their code where it is one of the bodies ¶8 and the strategy name; any other is an entity
-- until the secretariat says otherwise.
alter table oas_bodies add column body_kind text not null default 'entity'
  check (body_kind in ('organization', 'organ', 'specialized_organization', 'secretariat_unit',
    'entity'));
update oas_bodies b set body_kind = k.kind
  from organizations o,
    (values ('OAS', 'organization'), ('OAS-GS', 'organ'), ('IACHR', 'organ'),
      ('OAS-SMS', 'secretariat_unit'), ('OAS-DPS', 'secretariat_unit'),
      ('CIM', 'specialized_organization'), ('IIN', 'specialized_organization')) as k (code, kind)
  where o.id = b.organization_id and o.code = k.code;
alter table oas_bodies alter column body_kind drop default;

-- migrate:down
alter table oas_bodies drop column body_kind;
