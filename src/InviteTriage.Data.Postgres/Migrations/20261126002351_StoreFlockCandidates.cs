using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InviteTriage.Data.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FlockCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    CompanyKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FirstSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SenderCount = table.Column<int>(type: "integer", nullable: false),
                    Baseline = table.Column<int>(type: "integer", nullable: false)
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
