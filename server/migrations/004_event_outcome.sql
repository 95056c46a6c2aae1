-- What happened after a decision (allowed, continued, cancelled, redacted, blocked); NULL for
-- events from devices that do not report it.
ALTER TABLE events ADD COLUMN outcome text;
