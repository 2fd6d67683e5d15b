using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddInvitationSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search box is lower(column) LIKE lower('%text%') over four columns (PostgresDialect.ContainsText).
            // A trigram index of each lowered column answers such a LIKE, and the four are combined for the OR. pg_trgm
            // ships with PostgreSQL and is a trusted extension since 13, so the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            foreach (var column in Columns)
            {
                migrationBuilder.Sql($"""CREATE INDEX "IX_Invitations_{column}_Trigrams" ON "Invitations" USING gin (lower("{column}") gin_trgm_ops);""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: something else in the database may use it by now.
            foreach (var column in Columns)
            {
                migrationBuilder.Sql($"""DROP INDEX "IX_Invitations_{column}_Trigrams";""");
            }
        }

        private static readonly string[] Columns = ["SenderName", "SenderHeadline", "Company", "Message"];
    }
}
