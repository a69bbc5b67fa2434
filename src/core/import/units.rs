//! Quantities as deploy files write them: CPU (`500m`, `'0.5'`, ECS units `1024`), memory
//! (`512Mi`, `2Gi`, `512M`, `1g`, ECS MiB), durations (`30s`, `1m30s`).

/// Splits a quantity into its number and its suffix. The number may carry a decimal
/// exponent (`1e3`, `129e6`), as Kubernetes quantities may; a lone `E` is a suffix (exa).
fn split_number(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let bytes = t.as_bytes();
    let mut end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let digits = t[end + 1 + sign..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(t.len() - end - 1 - sign);
        if digits > 0 {
            end += 1 + sign + digits;
        }
    }
    let (number, suffix) = t.split_at(end);
    Some((number.parse().ok()?, suffix.trim()))
}

/// Kubernetes CPU quantity (`500m`, `2`, `0.5`, `1e3`, `1k`) in vCPU.
pub fn k8s_cpu(text: &str) -> Option<f64> {
    let (number, suffix) = split_number(text)?;
    let factor = match suffix {
        "m" => 1e-3,
        "" => 1.0,
        "k" => 1e3,
        "M" => 1e6,
        _ => return None,
    };
    let v = number * factor;
    (v.is_finite() && v > 0.0).then_some(v)
}

/// An ECS CPU value in vCPU: CPU units (`1024`) or, as the task-level field also takes,
/// `1 vCPU` / `0.5 vcpu`.
pub fn ecs_cpu(text: &str) -> Option<f64> {
    let (number, suffix) = split_number(text)?;
    let v = match suffix.to_ascii_lowercase().as_str() {
        "" => number / 1024.0,
        "vcpu" => number,
        _ => return None,
    };
    (v.is_finite() && v > 0.0).then_some(v)
}

/// An ECS memory value in GiB: MiB (`2048`) or `2 GB` / `2GB`, which ECS registers as
/// 2,048 MiB (its GB is a GiB).
pub fn ecs_memory_gib(text: &str) -> Option<f64> {
    let (number, suffix) = split_number(text)?;
    let gib = match suffix.to_ascii_lowercase().as_str() {
        "" | "mib" | "mb" => number / 1024.0,
        "gb" | "gib" => number,
        _ => return None,
    };
    (gib.is_finite() && gib > 0.0).then_some(gib)
}

/// A memory size with a binary or decimal suffix, in GiB. `bare` is the unit of a number
/// without suffix, in bytes (Kubernetes: 1; Compose: 1; ECS: MiB).
pub fn memory_gib(text: &str, bare: f64) -> Option<f64> {
    let (number, unit) = split_number(text)?;
    let bytes_per = match unit.to_ascii_lowercase().as_str() {
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
        assert_eq!(k8s_cpu("1e3"), Some(1000.0));
        assert_eq!(k8s_cpu("1k"), Some(1000.0));
        assert_eq!(k8s_cpu("250e-3"), Some(0.25));
        assert_eq!(k8s_cpu("1x"), None);
        assert_eq!(memory_gib("1e9", 1.0), Some(1e9 / 1024f64.powi(3)));
        assert_eq!(memory_gib("129e6", 1.0), Some(129e6 / 1024f64.powi(3)));
        assert_eq!(memory_gib("1Ti", 1.0), Some(1024.0));
        assert_eq!(ecs_cpu("1024"), Some(1.0));
        assert_eq!(ecs_cpu("1 vCPU"), Some(1.0));
        assert_eq!(ecs_cpu("0.5 vcpu"), Some(0.5));
        assert_eq!(ecs_memory_gib("2048"), Some(2.0));
        assert_eq!(ecs_memory_gib("2 GB"), Some(2.0));
        assert_eq!(ecs_memory_gib("2GB"), Some(2.0));
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
