//! Quantities as deploy files write them: CPU (`500m`, `'0.5'`, ECS units `1024`), memory
//! (`512Mi`, `2Gi`, `512M`, `1g`, ECS MiB), durations (`30s`, `1m30s`).

/// Kubernetes CPU quantity (`500m`, `2`, `0.5`) in vCPU.
pub fn k8s_cpu(text: &str) -> Option<f64> {
    let t = text.trim();
    let v = match t.strip_suffix('m') {
        Some(milli) => milli.parse::<f64>().ok()? / 1000.0,
        None => t.parse::<f64>().ok()?,
    };
    (v.is_finite() && v > 0.0).then_some(v)
}

/// A memory size with a binary or decimal suffix, in GiB. `bare` is the unit of a number
/// without suffix, in bytes (Kubernetes: 1; Compose: 1; ECS: MiB).
pub fn memory_gib(text: &str, bare: f64) -> Option<f64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().ok()?;
    let bytes_per = match unit.trim().to_ascii_lowercase().as_str() {
        "" => bare,
        "b" => 1.0,
        "k" | "kb" => 1e3,
        "ki" | "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mi" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gi" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" => 1e12,
        "ti" | "tib" => 1024f64.powi(4),
        _ => return None,
    };
    let gib = number * bytes_per / 1024f64.powi(3);
    (gib.is_finite() && gib > 0.0).then_some(gib)
}

/// Compose's memory: `512m`, `1g` and `1gb` are binary there (as in Docker).
pub fn compose_memory_gib(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (number, factor) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1024.0),
        'm' => (&t[..t.len() - 1], 1024.0 * 1024.0),
        'g' => (&t[..t.len() - 1], 1024f64.powi(3)),
        _ => (t, 1.0),
    };
    let gib = number.trim().parse::<f64>().ok()? * factor / 1024f64.powi(3);
    (gib.is_finite() && gib > 0.0).then_some(gib)
}

/// Rounds a GiB figure to what the answers hold (1/1024 steps, i.e. whole MiB).
pub fn tidy_gib(gib: f64) -> f64 {
    (gib * 1024.0).round() / 1024.0
}

/// The path of an HTTP health check command or URL (`curl -f http://localhost:8080/health`).
pub fn url_path(command: &str) -> Option<String> {
    let start = command
        .find("http://")
        .or_else(|| command.find("https://"))?;
    let rest = &command[start..];
    let after_scheme = &rest[rest.find("://")? + 3..];
    let end = after_scheme
        .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '|' || c == ';')
        .unwrap_or(after_scheme.len());
    let hostpath = &after_scheme[..end];
    Some(match hostpath.find('/') {
        Some(i) => hostpath[i..].to_string(),
        None => "/".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(k8s_cpu("500m"), Some(0.5));
        assert_eq!(k8s_cpu("2"), Some(2.0));
        assert_eq!(memory_gib("512Mi", 1.0), Some(0.5));
        assert_eq!(memory_gib("2Gi", 1.0), Some(2.0));
        assert_eq!(memory_gib("2048", 1024.0 * 1024.0), Some(2.0));
        assert_eq!(compose_memory_gib("512M"), Some(0.5));
        assert_eq!(compose_memory_gib("1gb"), Some(1.0));
        assert_eq!(
            url_path("curl -fsS http://localhost:8080/healthz || exit 1").as_deref(),
            Some("/healthz")
        );
        assert_eq!(url_path("wget -q http://127.0.0.1").as_deref(), Some("/"));
        assert_eq!(url_path("pg_isready"), None);
    }
}
