using Microsoft.Extensions.DependencyInjection.Extensions;
using Trellis.Web.Features.Fhir.Resources;

namespace Trellis.Web.Features.Fhir;

/// <summary>The FHIR R4 API at /fhir (docs/architecture.md "FHIR"): the types it serves and its routes.</summary>
public sealed class FhirFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IFhirType, PatientType>();
        services.AddSingleton<IFhirType, ConditionType>();
        services.AddSingleton<IFhirType, ObservationType>();
        services.AddSingleton<IFhirType, QuestionnaireResponseType>();
        services.AddSingleton<IFhirType, QuestionnaireType>();
        services.AddSingleton<IFhirType, EpisodeOfCareType>();
        services.AddSingleton<IFhirType, EncounterType>();
        services.AddSingleton<IFhirType, CarePlanType>();
        services.AddSingleton<IFhirType, FlagType>();
        services.AddSingleton<IFhirType, AllergyIntoleranceType>();
        services.AddSingleton<IFhirType, MedicationStatementType>();
        services.AddSingleton<IFhirType, PractitionerType>();
        services.AddSingleton<IFhirType, PractitionerRoleType>();
        services.AddSingleton<IFhirType, OrganizationType>();
        services.AddSingleton<IFhirType, LocationType>();
        services.AddSingleton<IFhirType, HealthcareServiceType>();
        services.AddSingleton<IFhirType, CareTeamType>();
        services.AddSingleton<IFhirType, AppointmentType>();
        services.AddSingleton<IFhirType, ConsentType>();
        services.AddSingleton<IFhirType, DocumentReferenceType>();
        services.AddSingleton<IFhirType, CoverageType>();
        services.AddSingleton<IFhirType, GroupType>();
        services.AddSingleton<FhirTypes>();
        services.AddSingleton<Export.FhirExportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<Export.FhirExportRunner>());
        // Ahead of the default writer, so the errors the pipeline writes under /fhir are OperationOutcomes.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FhirProblemWriter>());
    }

    public static void MapEndpoints(IEndpointRouteBuilder app) => FhirApi.Map(app);
}
