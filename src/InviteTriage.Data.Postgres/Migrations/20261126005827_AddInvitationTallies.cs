using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddInvitationTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvitationTallies",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    InFlock = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationTallies", x => new { x.OwnerId, x.Status, x.InFlock });
                    table.ForeignKey(
                        name: "FK_InvitationTallies_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OwnerId_Status_SentAt_InFlock",
                table: "Invitations",
                columns: new[] { "OwnerId", "Status", "SentAt" },
                filter: "\"FlockId\" IS NOT NULL");

            // The tallies start from the rows already stored; from here on the triggers keep them, in the statement
            // that changes the rows, whichever path writes (imports, decisions, undo, detection, aliases, deletes).
            migrationBuilder.Sql(
                """
                INSERT INTO "InvitationTallies" ("OwnerId", "Status", "InFlock", "Count")
                SELECT "OwnerId", "Status", "FlockId" IS NOT NULL, COUNT(*) FROM "Invitations" GROUP BY 1, 2, 3;
                """);

            // Statement triggers with transition tables: one grouped upsert per statement, so an import's COPY or a
            // decision on 10,000 invitations changes each tally once, not once per row. Rows are upserted in key
            // order, so two writers lock the tallies they share in the same order. Removing or moving an invitation
            // only subtracts from a tally that exists, and adds only for a member who still exists: a member's deletion
            // cascades to invitations, flocks (FlockId set to null) and tallies in any order, and must not write a
            // tally back for the member being deleted.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION "Invitations_Tally"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "InvitationTallies" AS t ("OwnerId", "Status", "InFlock", "Count")
                        SELECT "OwnerId", "Status", "FlockId" IS NOT NULL, COUNT(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT ("OwnerId", "Status", "InFlock") DO UPDATE SET "Count" = t."Count" + EXCLUDED."Count";
                    ELSIF TG_OP = 'DELETE' THEN
                        UPDATE "InvitationTallies" AS t SET "Count" = t."Count" - gone."Count"
                        FROM (SELECT "OwnerId", "Status", "FlockId" IS NOT NULL AS "InFlock", COUNT(*) AS "Count"
                              FROM old_rows GROUP BY 1, 2, 3) AS gone
                        WHERE t."OwnerId" = gone."OwnerId" AND t."Status" = gone."Status" AND t."InFlock" = gone."InFlock";
                    ELSE
                        INSERT INTO "InvitationTallies" AS t ("OwnerId", "Status", "InFlock", "Count")
                        SELECT moved."OwnerId", moved."Status", moved."InFlock", moved."Change"
                        FROM (SELECT "OwnerId", "Status", "InFlock", SUM("Change")::integer AS "Change"
                              FROM (SELECT "OwnerId", "Status", "FlockId" IS NOT NULL AS "InFlock", -1 AS "Change" FROM old_rows
                                    UNION ALL
                                    SELECT "OwnerId", "Status", "FlockId" IS NOT NULL, 1 FROM new_rows) AS changes
                              GROUP BY 1, 2, 3 HAVING SUM("Change") <> 0) AS moved
                        WHERE EXISTS (SELECT 1 FROM "AspNetUsers" AS u WHERE u."Id" = moved."OwnerId")
                        ORDER BY 1, 2, 3
                        ON CONFLICT ("OwnerId", "Status", "InFlock") DO UPDATE SET "Count" = t."Count" + EXCLUDED."Count";
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER "Invitations_Tally_Insert" AFTER INSERT ON "Invitations"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Invitations_Tally"();
                CREATE TRIGGER "Invitations_Tally_Delete" AFTER DELETE ON "Invitations"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Invitations_Tally"();
                CREATE TRIGGER "Invitations_Tally_Update" AFTER UPDATE ON "Invitations"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Invitations_Tally"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER "Invitations_Tally_Update" ON "Invitations";
                DROP TRIGGER "Invitations_Tally_Delete" ON "Invitations";
                DROP TRIGGER "Invitations_Tally_Insert" ON "Invitations";
                DROP FUNCTION "Invitations_Tally"();
                """);

            migrationBuilder.DropTable(
                name: "InvitationTallies");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_OwnerId_Status_SentAt_InFlock",
                table: "Invitations");
        }
    }
}
