using System.Security.Cryptography;
using Insights.Server.Surveys;

namespace Insights.Server.Tests.Surveys;

public sealed class SurveyTokenCodecTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SurveyToken Token = new(Guid.NewGuid(), new string('a', 64), "payments – équipe", Now.AddDays(30));

    [Fact]
    public void Decode_ReturnsWhatWasEncoded_WhenSignedWithTheKey()
    {
        var (status, token) = SurveyTokenCodec.Decode(SurveyTokenCodec.Encode(Token, Key), Key, Now);

        Assert.Equal(SurveyTokenStatus.Valid, status);
        Assert.Equal(Token, token);
    }

    [Fact]
    public void Decode_IsForged_WhenAnyCharacterChanges()
    {
        var text = SurveyTokenCodec.Encode(Token, Key);
        for (var i = 0; i < text.Length; i++)
        {
            var changed = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            Assert.Equal(SurveyTokenStatus.Forged, SurveyTokenCodec.Decode(changed, Key, Now).Status);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not/base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Decode_IsForged_WhenNotAToken(string text) =>
        Assert.Equal(SurveyTokenStatus.Forged, SurveyTokenCodec.Decode(text, Key, Now).Status);

    [Fact]
    public void Decode_IsForged_WithAnotherServersKey() =>
        Assert.Equal(SurveyTokenStatus.Forged, SurveyTokenCodec.Decode(SurveyTokenCodec.Encode(Token, RandomNumberGenerator.GetBytes(32)), Key, Now).Status);

    [Fact]
    public void Decode_IsExpired_FromItsExpiry() =>
        Assert.Equal(SurveyTokenStatus.Expired, SurveyTokenCodec.Decode(SurveyTokenCodec.Encode(Token, Key), Key, Token.ExpiresAt).Status);
}
