-- CreateTable
CREATE TABLE "Patrol" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "routeId" TEXT,
    "operationId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "startedPhoneTime" DATETIME NOT NULL,
    "startedReceivedAt" DATETIME NOT NULL,
    "startLat" REAL,
    "startLng" REAL,
    "startAccuracy" REAL,
    "endedAt" DATETIME,
    "endedPhoneTime" DATETIME,
    "endedReceivedAt" DATETIME,
    "endLat" REAL,
    "endLng" REAL,
    "endAccuracy" REAL,
    "handoverNote" TEXT,
    "autoEnded" BOOLEAN NOT NULL DEFAULT false,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "checkInCount" INTEGER NOT NULL DEFAULT 0,
    "flaggedCount" INTEGER NOT NULL DEFAULT 0,
    "lastCheckInAt" DATETIME,
    "lastCheckpointId" TEXT,
    "lastPosition" INTEGER,
    "visited" TEXT NOT NULL DEFAULT '[]',
    "loop" TEXT NOT NULL DEFAULT '[]',
    "dueAt" DATETIME,
    "overdueAlerted" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Patrol_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "patrolId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "checkpointName" TEXT NOT NULL,
    "checkpointPosition" INTEGER NOT NULL,
    "routeId" TEXT NOT NULL,
    "happenedAt" DATETIME NOT NULL,
    "phoneTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "distanceMetres" REAL,
    "outOfOrder" BOOLEAN NOT NULL DEFAULT false,
    "far" BOOLEAN NOT NULL DEFAULT false,
    "wrongRoute" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CheckIn_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckIn_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FieldReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "patrolId" TEXT,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "hasPhoto" BOOLEAN NOT NULL DEFAULT false,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "happenedAt" DATETIME NOT NULL,
    "phoneTime" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "statusChangedAt" DATETIME,
    CONSTRAINT "FieldReport_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FieldReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FieldReport_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportPhoto" (
    "reportId" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "ReportPhoto_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FieldReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "authorId" TEXT,
    "text" TEXT,
    "status" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportNote_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "FieldReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PatrolAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "patrolId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" DATETIME,
    CONSTRAINT "PatrolAlert_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PatrolAlert_patrolId_fkey" FOREIGN KEY ("patrolId") REFERENCES "Patrol" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Patrol_clientId_key" ON "Patrol"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Patrol_assignmentId_key" ON "Patrol"("assignmentId");

-- CreateIndex
CREATE INDEX "Patrol_operationId_endedAt_idx" ON "Patrol"("operationId", "endedAt");

-- CreateIndex
CREATE INDEX "Patrol_endedAt_overdueAlerted_dueAt_idx" ON "Patrol"("endedAt", "overdueAlerted", "dueAt");

-- CreateIndex
CREATE INDEX "Patrol_userId_startedAt_idx" ON "Patrol"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "Patrol_shiftId_idx" ON "Patrol"("shiftId");

-- CreateIndex
CREATE INDEX "CheckIn_patrolId_happenedAt_idx" ON "CheckIn"("patrolId", "happenedAt");

-- CreateIndex
CREATE INDEX "CheckIn_routeId_happenedAt_idx" ON "CheckIn"("routeId", "happenedAt");

-- CreateIndex
CREATE INDEX "CheckIn_checkpointId_idx" ON "CheckIn"("checkpointId");

-- CreateIndex
CREATE INDEX "FieldReport_operationId_status_happenedAt_idx" ON "FieldReport"("operationId", "status", "happenedAt");

-- CreateIndex
CREATE INDEX "FieldReport_userId_happenedAt_idx" ON "FieldReport"("userId", "happenedAt");

-- CreateIndex
CREATE INDEX "ReportNote_reportId_createdAt_idx" ON "ReportNote"("reportId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PatrolAlert_dedupeKey_key" ON "PatrolAlert"("dedupeKey");

-- CreateIndex
CREATE INDEX "PatrolAlert_operationId_clearedAt_idx" ON "PatrolAlert"("operationId", "clearedAt");

-- CreateIndex
CREATE INDEX "PatrolAlert_shiftId_clearedAt_idx" ON "PatrolAlert"("shiftId", "clearedAt");
