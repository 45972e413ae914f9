using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashfastOutcomeSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttendanceDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Marked = table.Column<int>(type: "integer", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceDays_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSummaryState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSummaryState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StayScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    StayStartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StayEndedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Scores = table.Column<int>(type: "integer", nullable: false),
                    BaselineOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Baseline = table.Column<int>(type: "integer", nullable: false),
                    LatestOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Latest = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StayScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StayScores_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceDays_On",
                table: "AttendanceDays",
                column: "On");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceDays_ParticipantId_On",
                table: "AttendanceDays",
                columns: new[] { "ParticipantId", "On" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StayScores_ParticipantId_ProgramId_StayStartedOn_Instrument",
                table: "StayScores",
                columns: new[] { "ParticipantId", "ProgramId", "StayStartedOn", "Instrument" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StayScores_StayEndedOn",
                table: "StayScores",
                column: "StayEndedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceDays");

            migrationBuilder.DropTable(
                name: "OutcomeSummaryState");

            migrationBuilder.DropTable(
                name: "StayScores");
        }
    }
}
