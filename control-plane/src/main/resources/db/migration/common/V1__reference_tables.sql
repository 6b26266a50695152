-- Reference data and current state: the same on TimescaleDB and on plain PostgreSQL.
-- Ids are the contract's ids (docs/events.md): 1-64 characters [A-Za-z0-9._-].

-- Which movements layout this database was created with. Database.open reads it at every start and
-- keeps it: a database never switches between TimescaleDB and plain partitioning by itself.
CREATE TABLE storage_mode (
  mode        text NOT NULL CHECK (mode IN ('timescale', 'plain')),
  chosen_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO storage_mode (mode) VALUES ('${storageMode}');

CREATE TABLE sites (
  site_id     text PRIMARY KEY,
  name        text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'UTC'
);

CREATE TABLE doors (
  site_id     text NOT NULL REFERENCES sites ON DELETE CASCADE,
  door_id     text NOT NULL,
  name        text,
  x           double precision NOT NULL,
  y           double precision NOT NULL,
  PRIMARY KEY (site_id, door_id)
);

CREATE TABLE bins (
  site_id     text NOT NULL REFERENCES sites ON DELETE CASCADE,
  bin_id      text NOT NULL,
  zone        text NOT NULL,
  x           double precision NOT NULL,
  y           double precision NOT NULL,
  capacity    integer NOT NULL CHECK (capacity >= 0),
  PRIMARY KEY (site_id, bin_id)
);

CREATE TABLE lots (
  lot_id      text PRIMARY KEY,
  gtin        text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  expiry      date,
  status      text NOT NULL DEFAULT 'active'
              CHECK (status IN ('active', 'locked', 'quarantined', 'recalled')),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The tag registry: which lot each tagged item belongs to. Bulk-imported with COPY (LotRepository).
CREATE TABLE tags (
  epc           text PRIMARY KEY,
  lot_id        text NOT NULL REFERENCES lots,
  registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tags_by_lot ON tags (lot_id);

-- Where each tag is now: in a bin (location events) or at a door (its last movement). Updated only
-- by newer events, so redelivered or late events never move a tag back.
CREATE TABLE tag_locations (
  epc         text PRIMARY KEY,
  site_id     text NOT NULL,
  bin_id      text,
  door_id     text,
  at          timestamptz NOT NULL,
  event_id    uuid NOT NULL,
  CHECK ((bin_id IS NULL) <> (door_id IS NULL))
);
-- Occupancy snapshot: tags per bin of a site.
CREATE INDEX tag_locations_by_bin ON tag_locations (site_id, bin_id) WHERE bin_id IS NOT NULL;

CREATE TABLE anomalies (
  anomaly_id  uuid PRIMARY KEY,
  type        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  site_id     text NOT NULL,
  door_id     text,
  bin_id      text,
  lot_id      text,
  epcs        text[] NOT NULL DEFAULT '{}',
  detail      text,
  at          timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  changed_by  text,
  changed_at  timestamptz
);
CREATE INDEX anomalies_by_site_status ON anomalies (site_id, status, at DESC);

CREATE TABLE shipment_authorisations (
  authorisation_id uuid PRIMARY KEY,
  site_id     text NOT NULL,
  door_id     text NOT NULL,
  lot_id      text NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  valid_from  timestamptz NOT NULL,
  valid_to    timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  CHECK (valid_to > valid_from)
);
CREATE INDEX shipment_authorisations_lookup ON shipment_authorisations (site_id, door_id, lot_id, valid_from)
  WHERE status = 'open';

-- Payloads ingest could not use, kept byte for byte with the reason (EventFormatException message).
CREATE TABLE dead_letters (
  dead_letter_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at timestamptz NOT NULL,
  topic       text NOT NULL,
  reason      text NOT NULL,
  payload     bytea NOT NULL
);
CREATE INDEX dead_letters_by_time ON dead_letters (received_at DESC);

-- Last known state of each reader and gateway (retained MQTT topics).
CREATE TABLE reader_states (
  site_id     text NOT NULL,
  gateway_id  text NOT NULL,
  reader_id   text NOT NULL,
  state       text NOT NULL,
  at          timestamptz NOT NULL,
  detail      text,
  PRIMARY KEY (site_id, gateway_id, reader_id)
);

CREATE TABLE gateway_health (
  site_id     text NOT NULL,
  gateway_id  text NOT NULL,
  status      text NOT NULL,
  at          timestamptz NOT NULL,
  version     text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, gateway_id)
);
