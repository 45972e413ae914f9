using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Scheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClosureId",
                table: "GroupSessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOneOffChange",
                table: "GroupSessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TemplateDate",
                table: "GroupSessions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "GroupSessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClosureId",
                table: "Appointments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttendanceChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AttendanceRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MinutesLate = table.Column<int>(type: "integer", nullable: true),
                    MinutesLeftEarly = table.Column<int>(type: "integer", nullable: true),
                    MinutesAttended = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceChanges_Attendance_AttendanceRecordId",
                        column: x => x.AttendanceRecordId,
                        principalTable: "Attendance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AttendanceChanges_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IncludeDetails = table.Column<bool>(type: "boolean", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                    table.CheckConstraint("CK_CalendarFeeds_OneOwner", "(\"ParticipantId\" IS NULL) <> (\"StaffMemberId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Closures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Closures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Closures_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AboutDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosureId = table.Column<Guid>(type: "uuid", nullable: true),
                    GroupSessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduleNotices_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeeksAhead = table.Column<int>(type: "integer", nullable: false),
                    AttendanceLockDays = table.Column<int>(type: "integer", nullable: false),
                    ConsecutiveAbsencesAlert = table.Column<int>(type: "integer", nullable: false),
                    MinimumAttendancePercent = table.Column<int>(type: "integer", nullable: false),
                    AttendanceWindowWeeks = table.Column<int>(type: "integer", nullable: false),
                    CountedServiceTypes = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduleSettings_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ServiceType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Weekdays = table.Column<int>(type: "integer", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: true),
                    TelehealthUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionTemplates_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SessionTemplates_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffAvailability",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ServiceType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsTelehealth = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAvailability", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffAvailability_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffAvailability_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_StaffAvailability_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionTemplateFacilitators",
                columns: table => new
                {
                    SessionTemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionTemplateFacilitators", x => new { x.SessionTemplateId, x.StaffMemberId });
                    table.ForeignKey(
                        name: "FK_SessionTemplateFacilitators_SessionTemplates_SessionTemplat~",
                        column: x => x.SessionTemplateId,
                        principalTable: "SessionTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SessionTemplateFacilitators_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_ClosureId",
                table: "GroupSessions",
                column: "ClosureId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_StartsAt",
                table: "GroupSessions",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_TemplateId_TemplateDate",
                table: "GroupSessions",
                columns: new[] { "TemplateId", "TemplateDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ClosureId",
                table: "Appointments",
                column: "ClosureId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_SeriesId",
                table: "Appointments",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceChanges_AttendanceRecordId",
                table: "AttendanceChanges",
                column: "AttendanceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceChanges_ParticipantId",
                table: "AttendanceChanges",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_ParticipantId",
                table: "CalendarFeeds",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_StaffMemberId",
                table: "CalendarFeeds",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Closures_ProgramId",
                table: "Closures",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_Closures_StartsOn_EndsOn",
                table: "Closures",
                columns: new[] { "StartsOn", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleNotices_ParticipantId_ReadAt",
                table: "ScheduleNotices",
                columns: new[] { "ParticipantId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleSettings_ProgramId",
                table: "ScheduleSettings",
                column: "ProgramId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionTemplateFacilitators_StaffMemberId",
                table: "SessionTemplateFacilitators",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionTemplates_RoomId",
                table: "SessionTemplates",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionTemplates_TrackId",
                table: "SessionTemplates",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAvailability_ProgramId",
                table: "StaffAvailability",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAvailability_RoomId",
                table: "StaffAvailability",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAvailability_StaffMemberId_Day",
                table: "StaffAvailability",
                columns: new[] { "StaffMemberId", "Day" });

            migrationBuilder.AddForeignKey(
                name: "FK_Appointments_Closures_ClosureId",
                table: "Appointments",
                column: "ClosureId",
                principalTable: "Closures",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_GroupSessions_Closures_ClosureId",
                table: "GroupSessions",
                column: "ClosureId",
                principalTable: "Closures",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_GroupSessions_SessionTemplates_TemplateId",
                table: "GroupSessions",
                column: "TemplateId",
                principalTable: "SessionTemplates",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Appointments_Closures_ClosureId",
                table: "Appointments");

            migrationBuilder.DropForeignKey(
                name: "FK_GroupSessions_Closures_ClosureId",
                table: "GroupSessions");

            migrationBuilder.DropForeignKey(
                name: "FK_GroupSessions_SessionTemplates_TemplateId",
                table: "GroupSessions");

            migrationBuilder.DropTable(
                name: "AttendanceChanges");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "Closures");

            migrationBuilder.DropTable(
                name: "ScheduleNotices");

            migrationBuilder.DropTable(
                name: "ScheduleSettings");

            migrationBuilder.DropTable(
                name: "SessionTemplateFacilitators");

            migrationBuilder.DropTable(
                name: "StaffAvailability");

            migrationBuilder.DropTable(
                name: "SessionTemplates");

            migrationBuilder.DropIndex(
                name: "IX_GroupSessions_ClosureId",
                table: "GroupSessions");

            migrationBuilder.DropIndex(
                name: "IX_GroupSessions_StartsAt",
                table: "GroupSessions");

            migrationBuilder.DropIndex(
                name: "IX_GroupSessions_TemplateId_TemplateDate",
                table: "GroupSessions");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_ClosureId",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_SeriesId",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "ClosureId",
                table: "GroupSessions");

            migrationBuilder.DropColumn(
                name: "IsOneOffChange",
                table: "GroupSessions");

            migrationBuilder.DropColumn(
                name: "TemplateDate",
                table: "GroupSessions");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "GroupSessions");

            migrationBuilder.DropColumn(
                name: "ClosureId",
                table: "Appointments");
        }
    }
}
