-- One database per subgraph (packages/testkit/src/stack.ts names them the same way).
-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- Each service creates its tables itself: it applies its committed migrations at start.
CREATE DATABASE alliance;
CREATE DATABASE enterprise;
CREATE DATABASE town_village;
CREATE DATABASE university;
CREATE DATABASE traffic_police;
