using System.Net.Sockets;
using Npgsql;
using RecoStreams.Postgres.Resilience;
using Xunit;

namespace RecoStreams.Postgres.Tests.Resilience;

public sealed class PostgresTransientErrorsTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // starting up
    [InlineData("08006")] // connection failure
    [InlineData("53300")] // too many connections
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    public void Server_unavailability_and_contention_are_transient(string sqlState) =>
        Assert.True(PostgresTransientErrors.IsTransient(new PostgresException("boom", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("42P01")] // undefined table
    [InlineData("23514")] // check violation
    [InlineData("22P02")] // invalid text representation
    [InlineData("42501")] // insufficient privilege
    public void Data_and_schema_errors_are_not_transient(string sqlState) =>
        Assert.False(PostgresTransientErrors.IsTransient(new PostgresException("boom", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_refused_connection_is_transient() =>
        Assert.True(PostgresTransientErrors.IsTransient(
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void A_connection_broken_mid_read_is_transient() =>
        Assert.True(PostgresTransientErrors.IsTransient(
            new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));

    [Fact]
    public void Programming_errors_are_not_transient() =>
        Assert.False(PostgresTransientErrors.IsTransient(new InvalidOperationException("bug")));
}
