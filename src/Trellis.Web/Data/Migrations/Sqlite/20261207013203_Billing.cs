using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RemittanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountEntries_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BillingCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingCounters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BillingIdentities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Npi = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TaxId = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Taxonomy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AddressLine = table.Column<string>(type: "TEXT", maxLength: 55, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SubmitterId = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    ReceiverId = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    ReceiverName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    UsageIndicator = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    FacilityTypeCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PlaceOfService = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    TelehealthPlaceOfService = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ChargesFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingIdentities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClaimFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimIds = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PayerId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FilingIndicator = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    MinimumMinutesForPerDiem = table.Column<int>(type: "INTEGER", nullable: false),
                    TiersByServiceCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequiresAuthorization = table.Column<bool>(type: "INTEGER", nullable: false),
                    TelehealthModifier = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Remittances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TraceNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PaymentDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TotalPaid = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ProviderAdjustments = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Posted = table.Column<int>(type: "INTEGER", nullable: false),
                    Denied = table.Column<int>(type: "INTEGER", nullable: false),
                    Unmatched = table.Column<int>(type: "INTEGER", nullable: false),
                    UnmatchedClaims = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Remittances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RenderingProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Npi = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Taxonomy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenderingProviders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenderingProviders_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlidingFeeScales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PovertyGuidelineFirstPerson = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    PovertyGuidelineEachAdditional = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    Bands = table.Column<string>(type: "TEXT", nullable: false),
                    TypicalWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    TypicalDaysPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlidingFeeScales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlidingFeeScales_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Charges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PayerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CoverageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FeeScheduleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorizationNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Amount = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Expected = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: true),
                    QualifyingServices = table.Column<int>(type: "INTEGER", nullable: true),
                    Holds = table.Column<string>(type: "TEXT", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReleaseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplacesChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VoidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VoidReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Charges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Charges_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Charges_Payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PayerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoverageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    PatientStatus = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    AdmissionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Diagnoses = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorizationNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AttendingStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Total = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Adjusted = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PayerClaimNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReplacesClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReplacedByClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CorrectionNeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkedNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Claims_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Claims_Payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Coverages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PayerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rank = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    GroupNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubscriberFirstName = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    SubscriberLastName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    SubscriberDateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HouseholdSize = table.Column<int>(type: "INTEGER", nullable: true),
                    AnnualIncome = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coverages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coverages_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Coverages_Payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeeSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PayerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeeSchedules_Payers_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Payers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FeeSchedules_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChargeLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Modifier = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    RevenueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PlaceOfService = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ServiceType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceRecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupSessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RenderingStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChargeLines_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClaimLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeLineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Modifier = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    RevenueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PlaceOfService = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    RenderingStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Paid = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Adjusted = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Denied = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimLines_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RemittanceClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RemittanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatusCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Charge = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    PayerClaimNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Adjustments = table.Column<string>(type: "TEXT", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemittanceClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemittanceClaims_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RemittanceClaims_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RemittanceClaims_Remittances_RemittanceId",
                        column: x => x.RemittanceId,
                        principalTable: "Remittances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeeLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeeScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ServiceType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    RevenueCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Rate = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    Qualifies = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeeLines_FeeSchedules_FeeScheduleId",
                        column: x => x.FeeScheduleId,
                        principalTable: "FeeSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountEntries_ParticipantId_On",
                table: "AccountEntries",
                columns: new[] { "ParticipantId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingCounters_Name",
                table: "BillingCounters",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChargeLines_AttendanceRecordId",
                table: "ChargeLines",
                column: "AttendanceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ChargeLines_ChargeId",
                table: "ChargeLines",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_ClaimId",
                table: "Charges",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_ParticipantId_ServiceDate",
                table: "Charges",
                columns: new[] { "ParticipantId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_PayerId",
                table: "Charges",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_Status_ServiceDate",
                table: "Charges",
                columns: new[] { "Status", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimFiles_ControlNumber",
                table: "ClaimFiles",
                column: "ControlNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_ChargeId",
                table: "ClaimLines",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_ClaimId",
                table: "ClaimLines",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Number",
                table: "Claims",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ParticipantId",
                table: "Claims",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_PayerId",
                table: "Claims",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status_PayerId",
                table: "Claims",
                columns: new[] { "Status", "PayerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Coverages_ParticipantId_EffectiveFrom",
                table: "Coverages",
                columns: new[] { "ParticipantId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_Coverages_PayerId",
                table: "Coverages",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_FeeLines_FeeScheduleId",
                table: "FeeLines",
                column: "FeeScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_FeeSchedules_PayerId",
                table: "FeeSchedules",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_FeeSchedules_ProgramId_PayerId_EffectiveFrom",
                table: "FeeSchedules",
                columns: new[] { "ProgramId", "PayerId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_Payers_Name",
                table: "Payers",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceClaims_ClaimId",
                table: "RemittanceClaims",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceClaims_ParticipantId",
                table: "RemittanceClaims",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_RemittanceClaims_RemittanceId",
                table: "RemittanceClaims",
                column: "RemittanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Remittances_PayerName_TraceNumber",
                table: "Remittances",
                columns: new[] { "PayerName", "TraceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RenderingProviders_StaffMemberId",
                table: "RenderingProviders",
                column: "StaffMemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlidingFeeScales_ProgramId",
                table: "SlidingFeeScales",
                column: "ProgramId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountEntries");

            migrationBuilder.DropTable(
                name: "BillingCounters");

            migrationBuilder.DropTable(
                name: "BillingIdentities");

            migrationBuilder.DropTable(
                name: "ChargeLines");

            migrationBuilder.DropTable(
                name: "ClaimFiles");

            migrationBuilder.DropTable(
                name: "ClaimLines");

            migrationBuilder.DropTable(
                name: "Coverages");

            migrationBuilder.DropTable(
                name: "FeeLines");

            migrationBuilder.DropTable(
                name: "RemittanceClaims");

            migrationBuilder.DropTable(
                name: "RenderingProviders");

            migrationBuilder.DropTable(
                name: "SlidingFeeScales");

            migrationBuilder.DropTable(
                name: "Charges");

            migrationBuilder.DropTable(
                name: "FeeSchedules");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "Remittances");

            migrationBuilder.DropTable(
                name: "Payers");
        }
    }
}
