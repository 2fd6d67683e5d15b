using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class CountRejectionsAndDropUnusedCompanyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_CompanyKey_SentAt",
                table: "Invitations");

            migrationBuilder.AddColumn<int>(
                name: "RejectedCount",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Batches imported before this kept every rejection, so their count is the length of that list.
            migrationBuilder.Sql("""UPDATE "ImportBatches" SET "RejectedCount" = json_array_length("Rejections");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RejectedCount",
                table: "ImportBatches");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CompanyKey_SentAt",
                table: "Invitations",
                columns: new[] { "CompanyKey", "SentAt" });
        }
    }
}
