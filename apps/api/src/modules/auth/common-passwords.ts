/**
 * Passwords of 8 or more characters that top every published list of leaked passwords (the
 * well-known "most common passwords" lists of breach corpora), lower-cased. A password equal to one
 * of these, ignoring case, is refused. Short ones need no entry: the length rule refuses them.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
12345678 123456789 1234567890 12345678910 123123123 11111111 00000000 88888888 87654321 987654321
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qazxsw2 zaq12wsx zaq1zaq1 qwertyui qwertyuiop qwerty123
qwerty12 qwer1234 asdfghjk asdfghjkl asdf1234 zxcvbnm1 zxcvbnmm 1234qwer 12341234 12344321
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word
iloveyou iloveyou1 iloveyou2 sunshine sunshine1 princess princess1 football football1 baseball
basketball superman batman123 starwars trustno1 whatever welcome1 welcome123 letmein1 letmein123
monkey123 dragon123 master123 shadow123 michael1 jennifer jordan23 computer internet michelle
charlie1 qazwsxedc qazwsx123 abc12345 abcd1234 abcdefgh abcdefg1 a1b2c3d4 aa123456 aaaaaaaa
admin123 administrator changeme changeme1 secret123 default1 guest123 test1234 testtest
lovelove loveme12 mustang1 liverpool chelsea1 arsenal1 manchester barcelona freedom1 pokemon1
fuckyou1 asshole1 12qwaszx q1w2e3r4 q1w2e3r4t5 1a2b3c4d 147258369 159753456 741852963 963852741
google123 samsung1 iphone123 linkedin facebook1 myspace1 minecraft naruto123 blink182 metallica
elephant chocolate butterfly sweetheart babygirl1 princesa jessica1 ashley12 nicole12 daniel12
tinkerbell cookie123 summer12 summer2024 summer2025 winter2024 winter2025 spring2025 autumn2025
december november september october1 january1 welcome2024 welcome2025 password2024 password2025
qwertyqwerty 123qweasd 123qweasdzxc 1q2w3e4r5t6y7u 7777777777 9999999999 6666666666 1111111111
`
    .trim()
    .split(/\s+/),
);
