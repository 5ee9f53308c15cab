-- AlterTable
ALTER TABLE "User" ADD COLUMN "passwordSetAt" DATETIME;

-- CreateTable
CREATE TABLE "SetupToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Accounts that exist already keep working as they do: treated as having chosen their password
-- (an admin can reset one to make a sign-in link for it).
UPDATE "User" SET "passwordSetAt" = "createdAt";
