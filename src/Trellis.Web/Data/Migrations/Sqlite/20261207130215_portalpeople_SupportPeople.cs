using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class portalpeople_SupportPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SupportPeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SeesFamilySessions = table.Column<bool>(type: "INTEGER", nullable: false),
                    SeesProgramInformation = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportPeople_DisclosureConsents_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "DisclosureConsents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupportPeople_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportPeople_ConsentId",
                table: "SupportPeople",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPeople_ParticipantId",
                table: "SupportPeople",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_SupportPeople_UserId",
                table: "SupportPeople",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupportPeople");
        }
    }
}
