-- Where a service sits in the catalog's architecture: its system and that system's domain
-- (Backstage's System and Domain entities), usable as filters on the catalog endpoints.
ALTER TABLE services ADD COLUMN system String AFTER production_environments;
ALTER TABLE services ADD COLUMN domain String AFTER system;
