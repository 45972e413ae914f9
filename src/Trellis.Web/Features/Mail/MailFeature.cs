namespace Trellis.Web.Features.Mail;

/// <summary>Email and text messages: the senders, the outbox and its dispatcher.</summary>
public sealed class MailFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.Configure<MailOptions>(config.GetSection("Mail"));
        services.Configure<SmsOptions>(config.GetSection("Sms"));
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddHttpClient<ISmsSender, HttpSmsSender>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<PublicLinks>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
    }
}
