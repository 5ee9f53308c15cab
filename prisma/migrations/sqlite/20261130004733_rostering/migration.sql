-- CreateTable
CREATE TABLE "ShiftRequirement" (
    "shiftId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,

    PRIMARY KEY ("shiftId", "kind", "code"),
    CONSTRAINT "ShiftRequirement_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShiftBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "createdById" TEXT,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME,
    CONSTRAINT "ShiftBatch_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShiftBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShiftRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "shiftId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetShiftId" TEXT,
    "reason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionNote" TEXT,
    CONSTRAINT "ShiftRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShiftRequest_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShiftRequest_targetShiftId_fkey" FOREIGN KEY ("targetShiftId") REFERENCES "Shift" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShiftRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShiftRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shift" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationId" TEXT NOT NULL,
    "routeId" TEXT,
    "postId" TEXT,
    "title" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "headcount" INTEGER NOT NULL,
    "leaderId" TEXT,
    "instructions" TEXT,
    "minAge" INTEGER,
    "batchId" TEXT,
    "rosterVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Shift_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "Operation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shift_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "Route" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shift_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shift_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Shift_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ShiftBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Shift" ("createdAt", "endsAt", "headcount", "id", "instructions", "leaderId", "minAge", "operationId", "postId", "routeId", "startsAt", "title") SELECT "createdAt", "endsAt", "headcount", "id", "instructions", "leaderId", "minAge", "operationId", "postId", "routeId", "startsAt", "title" FROM "Shift";
DROP TABLE "Shift";
ALTER TABLE "new_Shift" RENAME TO "Shift";
CREATE INDEX "Shift_operationId_startsAt_idx" ON "Shift"("operationId", "startsAt");
CREATE INDEX "Shift_batchId_idx" ON "Shift"("batchId");
CREATE TABLE "new_VolunteerProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "birthDate" DATETIME,
    "emergencyContactName" TEXT,
    "emergencyContactPhone" TEXT,
    "consentAt" DATETIME,
    "noShowCount" INTEGER NOT NULL DEFAULT 0,
    "calendarToken" TEXT,
    "rosterVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "VolunteerProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VolunteerProfile" ("birthDate", "calendarToken", "consentAt", "emergencyContactName", "emergencyContactPhone", "noShowCount", "userId") SELECT "birthDate", "calendarToken", "consentAt", "emergencyContactName", "emergencyContactPhone", "noShowCount", "userId" FROM "VolunteerProfile";
DROP TABLE "VolunteerProfile";
ALTER TABLE "new_VolunteerProfile" RENAME TO "VolunteerProfile";
CREATE UNIQUE INDEX "VolunteerProfile_calendarToken_key" ON "VolunteerProfile"("calendarToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ShiftRequirement_kind_code_idx" ON "ShiftRequirement"("kind", "code");

-- CreateIndex
CREATE INDEX "ShiftBatch_operationId_createdAt_idx" ON "ShiftBatch"("operationId", "createdAt");

-- CreateIndex
CREATE INDEX "ShiftRequest_status_createdAt_idx" ON "ShiftRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ShiftRequest_userId_status_idx" ON "ShiftRequest"("userId", "status");
