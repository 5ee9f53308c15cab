-- CreateTable
CREATE TABLE "AlertSettings" (
    "operationId" TEXT NOT NULL PRIMARY KEY,
    "stepWaitSeconds" INTEGER NOT NULL DEFAULT 60,
    "nearestCount" INTEGER NOT NULL DEFAULT 3,
    "welfareMinutes" INTEGER NOT NULL DEFAULT 30,
    "welfareGraceMinutes" INTEGER NOT NULL DEFAULT 5,
    "commandPostPhone" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Presence" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL,
    "lat" REAL,
    "lng" REAL,
    "accuracy" REAL,
    "positionAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Presence_seenAt_idx" ON "Presence"("seenAt");
