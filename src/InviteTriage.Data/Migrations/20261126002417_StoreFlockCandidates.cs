using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreFlockCandidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FlockCandidatesStored",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FlockCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    CompanyKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FirstSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SenderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Baseline = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlockCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlockCandidates_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Flocks_OwnerId_FirstSentAt",
                table: "Flocks",
                columns: new[] { "OwnerId", "FirstSentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlockCandidates_OwnerId_CompanyKey_FirstSentAt",
                table: "FlockCandidates",
                columns: new[] { "OwnerId", "CompanyKey", "FirstSentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlockCandidates_OwnerId_FirstSentAt",
                table: "FlockCandidates",
                columns: new[] { "OwnerId", "FirstSentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlockCandidates");

            migrationBuilder.DropIndex(
                name: "IX_Flocks_OwnerId_FirstSentAt",
                table: "Flocks");

            migrationBuilder.DropColumn(
                name: "FlockCandidatesStored",
                table: "AspNetUsers");
        }
    }
}
