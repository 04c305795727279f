using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Insights.Reports.Tests.Support;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package) that keeps what it receives and
/// can refuse messages on demand, as a mail relay that is having a bad minute would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string RefusalText = "try again later (refused by the test sink)";

    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _refuseNext;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(true).AuthenticationRequired(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Authenticator(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Messages accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Message transfers attempted (accepted or refused).</summary>
    public int Attempts => _attempts;

    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();

    /// <summary>Refuses every message while true.</summary>
    public bool RefuseAll { get; set; }

    private int _attempts;

    public static SmtpSink Start(int refuseFirst = 0)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpSink(port) { _refuseNext = refuseFirst };
    }

    /// <summary>Refuses the next <paramref name="count"/> messages.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuseNext, count);

    public async Task<MimeMessage> WaitForMessageAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.TryPeek(out var message))
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message reached the SMTP sink within {timeout.TotalSeconds:0} s ({Attempts} attempts).");
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private bool Refuse() => RefuseAll || Interlocked.Decrement(ref _refuseNext) >= 0;

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref sink._attempts);
            if (sink.Refuse())
            {
                return new SmtpResponse(SmtpReplyCode.Error, RefusalText);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            sink.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(SmtpSink sink) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            sink.Logins.Enqueue((user, password));
            return Task.FromResult(true);
        }
    }
}
