-- CreateTable
CREATE TABLE "AlertSettings" (
    "operationId" TEXT NOT NULL,
    "stepWaitSeconds" INTEGER NOT NULL DEFAULT 60,
    "nearestCount" INTEGER NOT NULL DEFAULT 3,
    "welfareMinutes" INTEGER NOT NULL DEFAULT 30,
    "welfareGraceMinutes" INTEGER NOT NULL DEFAULT 5,
    "commandPostPhone" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("operationId")
);

-- CreateTable
CREATE TABLE "Presence" (
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "positionAt" TIMESTAMP(3),

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "Presence_seenAt_idx" ON "Presence"("seenAt");
