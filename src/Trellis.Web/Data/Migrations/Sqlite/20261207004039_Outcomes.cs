using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpContact",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DischargedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reached = table.Column<bool>(type: "INTEGER", nullable: true),
                    InTreatmentElsewhere = table.Column<bool>(type: "INTEGER", nullable: true),
                    UseOrRelapse = table.Column<bool>(type: "INTEGER", nullable: true),
                    Readmitted = table.Column<bool>(type: "INTEGER", nullable: true),
                    InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpContact", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpContact_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasurementSchedule",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasurementSchedule", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasurementSchedule_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpContact_DueOn",
                table: "FollowUpContact",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpContact_ParticipantId_DischargedOn_DaysAfter",
                table: "FollowUpContact",
                columns: new[] { "ParticipantId", "DischargedOn", "DaysAfter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeasurementSchedule_ProgramId",
                table: "MeasurementSchedule",
                column: "ProgramId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpContact");

            migrationBuilder.DropTable(
                name: "MeasurementSchedule");
        }
    }
}
